"""Tickets at the line: take a request, answer it on the spot, refer it to a lawyer, query a case, call the
caller back with the one complete answer, record satisfaction.

舞钢规范第九条 首问负责: whoever takes a ticket stays its first-responsible person.
舞钢规范第十一条: procedural questions are answered by the agent; substantive ones go to a lawyer.
Seed 002 一号办好、一次办好: a ticket is closed only once the caller has been given the answer.

Every function checks the same permission function as the button, locks the ticket it changes, names the
acting user in the ticket's history and appends to its timeline (ticket_event).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from courthall.models import Court, User
from filing.models import Visit
from filing.selectors.case_queries import filing_identify_caller, normalise_case_number, normalise_id_number
from hotline import clocks
from hotline.models import (
    AppointmentKind,
    Call,
    Callback,
    CallbackOutcome,
    CallState,
    CaseQuery,
    CaseQueryResult,
    KnowledgeAnswer,
    Satisfaction,
    Ticket,
    TicketChannel,
    TicketKind,
)
from hotline.permissions import (
    can_answer_by_callback,
    can_answer_on_the_spot,
    can_leave_portal_message,
    can_open_ticket,
    can_query_case,
    can_record_satisfaction,
    can_refer_to_lawyer,
    can_take_ticket,
)
from hotline.services.events import ticket_event

KIND_REQUIRED = "请选择工单类别。"
KIND_UNKNOWN = "工单类别「%(value)s」无效。"
CHANNEL_UNKNOWN = "受理渠道「%(value)s」无效，请选择 12368 电话、窗口或网上留言。"
SUBJECT_REQUIRED = "请填写事项摘要（一句话说明来电人要办什么）。"
CALLER_REQUIRED = "请填写来电（来访）人姓名或联系电话，以便回复。"
APPOINTMENT_KIND_REQUIRED = "预约类工单请选择预约事项（阅卷、约见法官或其他）。"
APPOINTMENT_KIND_NOT_APPOINTMENT = "只有预约类工单需要选择预约事项。"
CALL_NOT_ANSWERED = "只能为本院已接通的来电开工单。"
CALL_HAS_TICKET = "这通来电已经开过工单 {number}。"
VISIT_NOT_OPEN = "该窗口接待已办结，不能再开工单。"

PORTAL_KINDS = (
    TicketKind.CONSULTATION,
    TicketKind.QUERY,
    TicketKind.CONTACT_JUDGE,
    TicketKind.COMPLAINT,
    TicketKind.SUGGESTION,
    TicketKind.OTHER,
)
PORTAL_KIND_UNKNOWN = "网上留言只能选择咨询、查询、联系法官、投诉、建议或其他。"
PORTAL_COURT_REQUIRED = "请选择留言给哪个法院。"
PORTAL_TEXT_REQUIRED = "请填写留言内容。"

ANSWER_REQUIRED = "请填写告知来电人的答复内容（工单记录实际答复的原话）。"
KNOWLEDGE_ANSWER_UNAVAILABLE = "所选答复口径已停用或不属本院，请重新检索。"

# 舞钢规范第十一条: 法律实体问题以及针对个案的具体问题不属于咨询解答范围，坐席员应告知来电人向律师事务所咨询。
REFERRED_TO_LAWYER_ANSWER = (
    "您咨询的是法律实体问题或针对具体案件的问题。根据《舞钢市人民法院诉讼服务中心工作规范》第十一条，"
    "诉讼服务热线只解答案件受理条件、管辖、诉讼收费、司法救助等程序性问题，不对实体问题和个案发表意见。"
    "建议您向律师事务所咨询；经济困难的，可以向当地法律援助中心申请法律援助（12348 公共法律服务热线）。"
)

CASE_NUMBER_REQUIRED = "请填写案号。"
CASE_NAME_REQUIRED = "请填写来电人自报的姓名。"
CASE_ID_REQUIRED = "请填写来电人自报的证件号码。"
# Privacy: the same words whether the case does not exist in this court or the caller is not its party or
# agent, so the line never confirms that someone else's case exists.
CASE_QUERY_REFUSED = (
    "无法核实您是该案的当事人或诉讼代理人，不能告知案件信息。请核对案号、姓名和证件号码后再查询，"
    "或携带身份证件到诉讼服务中心窗口查询。"
)

CALLBACK_OUTCOME_REQUIRED = "请选择回拨结果。"
CALLBACK_AT_REQUIRED = "请填写回拨时间。"
CALLBACK_IN_FUTURE = "回拨时间不能晚于现在。"
CALLBACK_BEFORE_TICKET = "回拨时间不能早于工单受理时间。"
CALLBACK_CONTENT_REQUIRED = "已接通的回拨须写明告知来电人的内容：没有答复不能办结工单（钢城承诺 一次办好）。"
CALLBACK_NUMBER_REQUIRED = "请填写回拨号码。"

SATISFACTION_REQUIRED = "请选择满意度：满意、基本满意或不满意。"
SATISFACTION_NOTE_REQUIRED = "来电人不满意的，请记录原因。"
# Views never get here (the selector answers 404); a direct call with another court's ticket does.
OTHER_COURT_TICKET = "这张工单不是本院的，不能办理。"


def _record(ticket: Ticket, user: User, change: str) -> None:
    """Name the acting user and the change in the history row the next save writes."""
    ticket._history_user = user
    ticket._change_reason = change[:100]


def _lock(ticket: Ticket, user: User, check) -> Ticket:
    """The ticket's row, locked until the transaction ends, once `check(ticket, user)` allows acting."""
    locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if locked.court_id != user.court_id:
        raise PermissionDenied(OTHER_COURT_TICKET)
    if not (decision := check(locked, user)):
        raise PermissionDenied(decision.reason)
    return locked


def ticket_open(
    *,
    user: User,
    kind: str,
    channel: str = TicketChannel.PHONE,
    caller_name: str = "",
    caller_number: str = "",
    subject: str,
    request_text: str = "",
    appointment_kind: str = "",
    call: Call | None = None,
    visit: Visit | None = None,
) -> Ticket:
    """Take a request. `user` becomes the ticket's first-responsible person (舞钢规范第九条 首问负责).
    From a call: the call (answered, of the court, without a ticket) is linked; from a visit: the clerk
    who received it opens the ticket and the channel is the counter."""
    if not (decision := can_open_ticket(user)):
        raise PermissionDenied(decision.reason)
    if call is not None:
        channel = TicketChannel.PHONE
    if visit is not None:
        channel = TicketChannel.COUNTER
    errors = _ticket_errors(
        kind=kind, channel=channel, subject=subject, caller=caller_name.strip() or caller_number.strip()
    )
    if kind == TicketKind.APPOINTMENT and not appointment_kind:
        errors["appointment_kind"] = ValidationError(APPOINTMENT_KIND_REQUIRED, code="required")
    elif appointment_kind and kind != TicketKind.APPOINTMENT:
        errors["appointment_kind"] = ValidationError(APPOINTMENT_KIND_NOT_APPOINTMENT, code="not_appointment")
    elif appointment_kind and appointment_kind not in AppointmentKind.values:
        errors["appointment_kind"] = ValidationError(APPOINTMENT_KIND_REQUIRED, code="invalid")
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        if call is not None:
            call = Call.objects.select_for_update().get(pk=call.pk)
            if call.court_id != user.court_id or call.state not in (CallState.TALKING, CallState.ANSWERED):
                raise ValidationError({"call": ValidationError(CALL_NOT_ANSWERED, code="not_answered")})
            if call.ticket_id is not None:
                raise ValidationError(
                    {"call": ValidationError(CALL_HAS_TICKET.format(number=call.ticket), code="has_ticket")}
                )
        if visit is not None:
            visit = Visit.objects.select_for_update().get(pk=visit.pk)
            if visit.court_id != user.court_id or visit.state != "open":
                raise ValidationError({"visit": ValidationError(VISIT_NOT_OPEN, code="closed")})
        now = timezone.now()
        opened_on = timezone.localdate(now)
        ticket = Ticket(
            court_id=user.court_id,
            kind=kind,
            appointment_kind=appointment_kind,
            channel=channel,
            caller_name=caller_name.strip(),
            caller_number=caller_number.strip() or (call.caller_number if call else ""),
            subject=subject.strip(),
            request_text=request_text.strip(),
            call=call,
            visit=visit,
            opened_at=now,
            opened_on=opened_on,
            opened_by=user,
            first_responsible=user,
            transfer_due_on=clocks.transfer_due_on(kind, opened_on),
        )
        ticket.full_clean(exclude=["state"])  # a protected FSM field cannot be re-set by clean_fields
        _record(ticket, user, "受理工单")
        ticket.save()
        if call is not None:
            call.ticket = ticket
            call._history_user = user
            call._change_reason = f"开工单 {ticket.number}"
            call.save(update_fields=["ticket"])
        ticket_event(
            ticket=ticket,
            actor=user,
            action="opened",
            summary=f"受理（{ticket.get_channel_display()}，{ticket.get_kind_display()}），首问负责人 {user}",
            data={"call": call.pk if call else None, "visit": visit.pk if visit else None},
        )
    return ticket


def _ticket_errors(*, kind: str, channel: str, subject: str, caller: str) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    if not kind:
        errors["kind"] = ValidationError(KIND_REQUIRED, code="required")
    elif kind not in TicketKind.values:
        errors["kind"] = ValidationError(KIND_UNKNOWN, code="invalid", params={"value": kind})
    if channel not in TicketChannel.values:
        errors["channel"] = ValidationError(CHANNEL_UNKNOWN, code="invalid", params={"value": channel})
    if not subject.strip():
        errors["subject"] = ValidationError(SUBJECT_REQUIRED, code="required")
    if not caller:
        errors["caller_name"] = ValidationError(CALLER_REQUIRED, code="required")
    return errors


def portal_message_leave(*, user: User, court: Court | None, kind: str, subject: str, text: str) -> Ticket:
    """A portal user leaves a message to a court: a PORTAL ticket that waits, unassigned, in that court's
    line until an agent takes it (ticket_take). The caller details come from the account."""
    if not (decision := can_leave_portal_message(user)):
        raise PermissionDenied(decision.reason)
    errors: dict[str, ValidationError] = {}
    if court is None:
        errors["court"] = ValidationError(PORTAL_COURT_REQUIRED, code="required")
    if kind not in PORTAL_KINDS:
        errors["kind"] = ValidationError(PORTAL_KIND_UNKNOWN, code="invalid")
    if not subject.strip():
        errors["subject"] = ValidationError(SUBJECT_REQUIRED, code="required")
    if not text.strip():
        errors["text"] = ValidationError(PORTAL_TEXT_REQUIRED, code="required")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        now = timezone.now()
        opened_on = timezone.localdate(now)
        ticket = Ticket(
            court=court,
            kind=kind,
            channel=TicketChannel.PORTAL,
            caller_name=user.get_full_name(),
            caller_number=getattr(user, "mobile", "") or "",
            subject=subject.strip(),
            request_text=text.strip(),
            opened_at=now,
            opened_on=opened_on,
            opened_by=user,
            first_responsible=None,
            transfer_due_on=clocks.transfer_due_on(kind, opened_on),
        )
        ticket.full_clean(exclude=["state"])  # a protected FSM field cannot be re-set by clean_fields
        _record(ticket, user, "网上留言")
        ticket.save()
        ticket_event(ticket=ticket, actor=user, action="portal_message", summary="诉讼服务网留言，待坐席接单")
    return ticket


def ticket_take(*, ticket: Ticket, user: User) -> Ticket:
    """An agent takes a portal message and becomes its first-responsible person."""
    with transaction.atomic():
        ticket = _lock(ticket, user, can_take_ticket)
        ticket.first_responsible = user
        _record(ticket, user, "接单")
        ticket.save()
        ticket_event(ticket=ticket, actor=user, action="taken", summary=f"{user} 接单，首问负责")
    return ticket


def ticket_answer_on_the_spot(
    *, ticket: Ticket, user: User, answer: str, knowledge_answer: KnowledgeAnswer | None = None
) -> Ticket:
    """舞钢规范第十一条: a procedural question answered during the call; the words actually said are kept,
    and the approved answer they came from, if any."""
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": ValidationError(ANSWER_REQUIRED, code="required")})
    if knowledge_answer is not None and (
        not knowledge_answer.active or knowledge_answer.court_id not in (None, user.court_id)
    ):
        raise ValidationError(
            {"knowledge_answer": ValidationError(KNOWLEDGE_ANSWER_UNAVAILABLE, code="unavailable")}
        )
    with transaction.atomic():
        ticket = _lock(ticket, user, can_answer_on_the_spot)
        now = timezone.now()
        ticket.answer_on_the_spot()
        ticket.answer = answer
        ticket.knowledge_answer = knowledge_answer
        ticket.answered_at = ticket.closed_at = now
        ticket.answered_by = user
        _record(ticket, user, "当场答复办结")
        ticket.full_clean(exclude=["state"])  # the FSM field is protected; the transition set it
        ticket.save()
        ticket_event(
            ticket=ticket,
            actor=user,
            action="answered_on_the_spot",
            summary=answer,
            data={"knowledge_answer": knowledge_answer.pk if knowledge_answer else None},
        )
    return ticket


def ticket_refer_to_lawyer(*, ticket: Ticket, user: User) -> Ticket:
    """舞钢规范第十一条: closed with the standard explanation as the answer given."""
    with transaction.atomic():
        ticket = _lock(ticket, user, can_refer_to_lawyer)
        now = timezone.now()
        ticket.refer_to_lawyer()
        ticket.answer = REFERRED_TO_LAWYER_ANSWER
        ticket.answered_at = ticket.closed_at = now
        ticket.answered_by = user
        _record(ticket, user, "建议咨询律师，办结")
        ticket.save()
        ticket_event(
            ticket=ticket, actor=user, action="referred_to_lawyer", summary=REFERRED_TO_LAWYER_ANSWER
        )
    return ticket


def ticket_query_case(
    *, ticket: Ticket, user: User, case_number: str, name: str, id_number: str
) -> CaseQuery:
    """A caller asks about a case: identified only as a party or agent of that court's case (by case
    number, name and ID number); then `ticket.filing` is set. Every attempt is kept, refused ones too."""
    errors: dict[str, ValidationError] = {}
    if not case_number.strip():
        errors["case_number"] = ValidationError(CASE_NUMBER_REQUIRED, code="required")
    if not name.strip():
        errors["name"] = ValidationError(CASE_NAME_REQUIRED, code="required")
    if not id_number.strip():
        errors["id_number"] = ValidationError(CASE_ID_REQUIRED, code="required")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ticket = _lock(ticket, user, can_query_case)
        filing = filing_identify_caller(
            court_id=ticket.court_id, case_number=case_number, name=name, id_number=id_number
        )
        query = CaseQuery(
            ticket=ticket,
            case_number=normalise_case_number(case_number),
            name=name.strip(),
            id_number=normalise_id_number(id_number),
            result=CaseQueryResult.IDENTIFIED if filing else CaseQueryResult.REFUSED,
            reason="" if filing else CASE_QUERY_REFUSED,
            filing=filing,
            by=user,
        )
        query.full_clean()
        query.save()
        if filing is not None:
            ticket.filing = filing
            _record(ticket, user, f"案件查询：身份核实 {filing.case_number}")
            ticket.save()
        ticket_event(
            ticket=ticket,
            actor=user,
            action="case_query",
            summary=f"查询 {query.case_number}：{query.get_result_display()}",
            data={"case_query": query.pk, "result": query.result},
        )
    return query


def ticket_answer_by_callback(
    *,
    ticket: Ticket,
    user: User,
    at: datetime | None,
    outcome: str,
    content: str = "",
    number: str = "",
) -> Callback:
    """Log a call back to the caller. Reached, with what they were told: the ticket is closed (one complete
    answer, seed 002). Not reached: the callback is logged and the ticket stays as it is."""
    content = content.strip()
    number = number.strip() or ticket.caller_number
    errors: dict[str, ValidationError] = {}
    if outcome not in CallbackOutcome.values:
        errors["outcome"] = ValidationError(CALLBACK_OUTCOME_REQUIRED, code="required")
    if at is None:
        errors["at"] = ValidationError(CALLBACK_AT_REQUIRED, code="required")
    elif at > timezone.now():
        errors["at"] = ValidationError(CALLBACK_IN_FUTURE, code="future")
    elif at < ticket.opened_at.replace(second=0, microsecond=0):  # the form gives minutes
        errors["at"] = ValidationError(CALLBACK_BEFORE_TICKET, code="before_ticket")
    if outcome == CallbackOutcome.REACHED and not content:
        errors["content"] = ValidationError(CALLBACK_CONTENT_REQUIRED, code="required")
    if not number:
        errors["number"] = ValidationError(CALLBACK_NUMBER_REQUIRED, code="required")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ticket = _lock(ticket, user, can_answer_by_callback)
        callback = Callback(ticket=ticket, number=number, at=at, by=user, outcome=outcome, content=content)
        callback.full_clean()
        callback.save()
        if outcome == CallbackOutcome.REACHED:
            ticket.answer_by_callback()
            ticket.answer = content
            ticket.answered_at = at
            ticket.answered_by = user
            ticket.closed_at = timezone.now()
            _record(ticket, user, "回复来电人，办结")
            ticket.save()
            ticket_event(ticket=ticket, actor=user, action="answered_by_callback", summary=content)
        else:
            ticket_event(
                ticket=ticket,
                actor=user,
                action="callback_not_reached",
                summary=f"回拨 {number}：{callback.get_outcome_display()}，工单未办结",
            )
    return callback


def ticket_record_satisfaction(*, ticket: Ticket, user: User, satisfaction: str, note: str = "") -> Ticket:
    """评: the caller's satisfaction, once, after the ticket is closed."""
    note = note.strip()
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": ValidationError(SATISFACTION_REQUIRED, code="required")})
    if satisfaction == Satisfaction.DISSATISFIED and not note:
        raise ValidationError({"note": ValidationError(SATISFACTION_NOTE_REQUIRED, code="required")})
    with transaction.atomic():
        ticket = _lock(ticket, user, can_record_satisfaction)
        ticket.satisfaction = satisfaction
        ticket.satisfaction_note = note
        ticket.satisfaction_at = timezone.now()
        _record(ticket, user, f"回访：{ticket.get_satisfaction_display()}")
        ticket.save()
        ticket_event(
            ticket=ticket,
            actor=user,
            action="satisfaction",
            summary=f"{ticket.get_satisfaction_display()}{'：' + note if note else ''}",
        )
    return ticket
