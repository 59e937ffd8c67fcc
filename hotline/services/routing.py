"""Routing a ticket (收、转、办、督、复): transfer it to a judge or a department, put a question to the duty
judge of the day, the receiver's reply, and the morning reminders.

Seed 002 一号办好: 联系类、投诉类、建议类事项当日转交相关人员和部门; the receiver replies within the kind's
working days (DOMAIN.md §7, hotline.clocks); the first-responsible person (舞钢规范第九条 首问负责) stays
with the ticket and gives the caller the reply. Every function locks the ticket row, checks the same
permission as the button (hotline.permissions), saves with the acting user in the history, and writes the
ticket's event (hotline.services.events.ticket_event). The due days are hotline.clocks', stored.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django_fsm import ConcurrentTransition

from courthall.deadlines import is_working_day
from courthall.models import Department, User
from courthall.sms import sms_send
from courthall.validators import validate_mobile
from hotline import clocks
from hotline.models import (
    LineReminder,
    ReminderKind,
    Ticket,
    TicketKind,
    TicketState,
    Transfer,
    TransferKind,
)
from hotline.permissions import can_ask_duty_judge, can_reply_transfer, can_transfer_ticket
from hotline.selectors.routing import duty_judge_at
from hotline.services.events import ticket_event
from notices.kinds import court_snapshot
from notices.models import NoticeKind
from notices.services import notice_issue

TRANSFER_TARGET_REQUIRED = "请选择转交给哪位法官或哪个部门。"
TRANSFER_TARGET_BOTH = "只能转交给一位法官或一个部门，不能同时选择两者。"
TRANSFER_OTHER_COURT = "只能转交给本院的法官或本院的部门，不能转交给其他法院的人员或部门。"
TRANSFER_NOT_A_JUDGE = "{name}不是本院在岗的承办法官，不能接收转办；请转交给其所在部门。"
TRANSFER_TO_SELF = "不能转交给自己。"
TRANSFER_NOTE_REQUIRED = "请填写转交说明：来电人的诉求和需要对方办理的事项。"
MATERIALS_REQUIRED = "材料收转须逐项登记收到的材料（名称、份数、页数），并出具材料收转回执。"
MATERIALS_TO_A_JUDGE = "材料收转须转交给承办法官本人，不能只转交给部门。"
MATERIAL_INCOMPLETE = "第{n}项材料不完整：须写明材料名称，份数和页数为正整数。"
SUBMITTER_REQUIRED = "请填写提交材料的人的姓名（回执上的提交人）。"
QUESTION_REQUIRED = "请写明提请值班法官答复的问题。"
NO_DUTY_JUDGE = (
    "今天（{day}）本院没有安排值班法官，无法提请。请转办给承办法官或部门，或联系诉讼服务中心负责人排班。"
)
DUTY_JUDGE_IS_YOU = "您就是今天的值班法官，请直接答复来电人。"
REPLY_REQUIRED = "请填写答复内容。"
ARRANGED_AT_REQUIRED = "预约事项须写明安排的时间（如阅卷的日期和时刻），以便告知来电人。"
ARRANGED_AT_PAST = "安排的时间已经过去，请填写今后的时间。"
ALREADY_CHANGED = "该工单刚刚已由其他人办理（现为“{state}”），请刷新页面查看。"

TRANSFER_LATE = "超过当日转交期限（{due}）转交（钢城承诺三：联系类、投诉类、建议类事项当日转交）"
REPLY_LATE = "超过答复期限（{due}）答复"

REMINDER_REPLY_TEXT = (
    "【{court}】{name}：12368 热线转办您答复的事项，今日到期 {due} 件、已超期 {overdue} 件，"
    "请登录诉讼服务中心系统“热线转办”答复。"
)
REMINDER_ANSWER_TEXT = (
    "【{court}】{name}：您首问负责的 12368 工单已有答复，今日须回复来电人 {due} 件、已超期 {overdue} 件，"
    "请及时回复来电人。"
)
REMINDER_PURPOSE = "12368 热线督办提醒"


@dataclass(frozen=True)
class MaterialInput:
    name: str
    copies: int = 1
    pages: int = 1
    is_original: bool = False


def _lock(ticket: Ticket) -> Ticket:
    """The ticket re-read under a row lock: the state every decision checks is the committed one."""
    return Ticket.objects.select_for_update().select_related("court").get(pk=ticket.pk)


def _save(ticket: Ticket, user: User, change: str) -> None:
    ticket._history_user = user
    ticket._change_reason = change[:100]
    ticket.full_clean(exclude=["state"])  # the FSM field is protected; its transitions set it
    try:
        ticket.save()
    except ConcurrentTransition:
        state = Ticket.objects.get(pk=ticket.pk).get_state_display()
        raise ValidationError(ALREADY_CHANGED.format(state=state)) from None


def _save_transfer(transfer: Transfer, user: User, change: str) -> None:
    transfer._history_user = user
    transfer._change_reason = change[:100]
    transfer.full_clean()
    transfer.save()


def _receiver_problem(ticket: Ticket, user: User, to_user: User | None, to_department) -> dict:
    """What is wrong with the receiver chosen, by form field; empty when it may receive the transfer."""
    if to_user is None and to_department is None:
        return {"to_user": ValidationError(TRANSFER_TARGET_REQUIRED, code="required")}
    if to_user is not None and to_department is not None:
        return {"to_user": ValidationError(TRANSFER_TARGET_BOTH, code="both")}
    if to_user is not None:
        if to_user.court_id != ticket.court_id:
            return {"to_user": ValidationError(TRANSFER_OTHER_COURT, code="other_court")}
        if to_user.pk == user.pk:
            return {"to_user": ValidationError(TRANSFER_TO_SELF, code="self")}
        if not to_user.is_active or not to_user.has_perm("courthall.handle_cases"):
            return {"to_user": ValidationError(TRANSFER_NOT_A_JUDGE.format(name=to_user), code="not_a_judge")}
    elif to_department.court_id != ticket.court_id:
        return {"to_department": ValidationError(TRANSFER_OTHER_COURT, code="other_court")}
    return {}


def _materials(materials) -> list[dict]:
    rows = []
    for n, material in enumerate(materials, start=1):
        name = material.name.strip()
        if not name or material.copies < 1 or material.pages < 1:
            raise ValidationError({"materials": ValidationError(MATERIAL_INCOMPLETE.format(n=n), code="row")})
        rows.append(
            {
                "name": name,
                "copies": material.copies,
                "pages": material.pages,
                "original": material.is_original,
            }
        )
    return rows


def ticket_transfer(
    *,
    ticket: Ticket,
    user: User,
    note: str,
    to_user: User | None = None,
    to_department: Department | None = None,
    materials: list[MaterialInput] | tuple = (),
    submitter: str = "",
) -> Transfer:
    """Transfer `ticket` to a judge or a department of its court (转办), from OPEN or REPLIED.

    The receiver's reply is due by hotline.clocks.reply_due_on(kind, today) (3 working days for an
    appointment, 阅卷). A ticket whose kind must be transferred the same working day (seed 002) may still be
    transferred later: the event says it was late. `user` does not become responsible: the first-
    responsible person stays (首问负责). A material transfer (材料收转) goes to a judge in person, lists the
    materials and issues the 材料收转回执 (notices) for `submitter` (the caller, by default).
    """
    with transaction.atomic():
        locked = _lock(ticket)
        if not (decision := can_transfer_ticket(locked, user)):
            raise PermissionDenied(decision.reason)
        errors = _receiver_problem(locked, user, to_user, to_department)
        note = note.strip()
        if not note:
            errors["note"] = ValidationError(TRANSFER_NOTE_REQUIRED, code="required")
        material_rows: list[dict] = []
        submitter = (submitter or locked.caller_name).strip()
        if locked.kind == TicketKind.MATERIAL_TRANSFER:
            if to_department is not None and to_user is None:
                errors["to_user"] = ValidationError(MATERIALS_TO_A_JUDGE, code="judge_only")
            if not materials:
                errors["materials"] = ValidationError(MATERIALS_REQUIRED, code="required")
            else:
                try:
                    material_rows = _materials(materials)
                except ValidationError as error:
                    errors.update(error.error_dict)
            if not submitter:
                errors["submitter"] = ValidationError(SUBMITTER_REQUIRED, code="required")
        if errors:
            raise ValidationError(errors)

        now = timezone.now()
        today = timezone.localdate(now)
        transfer = Transfer(
            ticket=locked,
            kind=TransferKind.TRANSFER,
            at=now,
            by=user,
            to_user=to_user,
            to_department=to_department,
            note=note,
            reply_due_on=clocks.reply_due_on(locked.kind, today),
            materials=material_rows,
        )
        first = locked.transferred_at is None
        late = first and locked.transfer_due_on is not None and today > locked.transfer_due_on
        locked.transfer()
        # The transfer clock (seed 002) is about the first transfer; a later one keeps its time.
        if first:
            locked.transferred_at = now
        locked.reply_due_on = transfer.reply_due_on
        locked.answer_due_on = None
        receiver = str(to_user) if to_user is not None else to_department.name
        _save(locked, user, f"转办给{receiver}")
        _save_transfer(transfer, user, "转办")
        if material_rows:
            transfer.receipt = _issue_receipt(locked, transfer, user, submitter)
            _save_transfer(transfer, user, "出具材料收转回执")
        summary = f"转交{receiver}，答复期限 {transfer.reply_due_on:%Y-%m-%d}。"
        if late:
            summary += TRANSFER_LATE.format(due=f"{locked.transfer_due_on:%Y-%m-%d}") + "。"
        ticket_event(
            ticket=locked,
            actor=user,
            action="transfer",
            summary=summary,
            data={
                "transfer": transfer.pk,
                "to_user": to_user.pk if to_user else None,
                "to_department": to_department.pk if to_department else None,
                "reply_due_on": transfer.reply_due_on.isoformat(),
                "late": late,
                "receipt": transfer.receipt_id,
            },
        )
    return transfer


def _issue_receipt(ticket: Ticket, transfer: Transfer, user: User, submitter: str):
    """The 材料收转回执 of a material transfer, in the transaction that records the transfer."""
    judge = transfer.to_user
    snapshot = {
        "court": court_snapshot(ticket.court),
        "issued_on": timezone.localdate(transfer.at).isoformat(),
        "clerk": {"name": user.get_full_name(), "phone": ticket.court.hotline_phone},
        "submitter": submitter,
        "received_at": timezone.localtime(transfer.at).isoformat(),
        "ticket_ref": ticket.number,
        "receiver": {
            "name": judge.get_full_name(),
            "department": judge.department.name if judge.department else "",
        },
        "case_number": ticket.filing.case_number if ticket.filing_id and ticket.filing.case_number else None,
        "materials": transfer.materials,
        "note": transfer.note,
    }
    return notice_issue(
        court=ticket.court,
        kind=NoticeKind.TRANSFER_RECEIPT,
        subject=f"ticket:{ticket.pk}",
        addressee=submitter,
        snapshot=snapshot,
        issued_by=user,
    )


def ticket_ask_duty_judge(*, ticket: Ticket, user: User, question: str) -> Transfer:
    """Put the caller's question to today's duty judge (舞钢规范第十一条: 不能直接答复的，提请值班法官).

    The judge is the one whose shift covers now (else the first of today, hotline.selectors.routing); the
    answer is due today (hotline.clocks.duty_reply_due_on). Nobody on duty today: ValidationError, nothing
    changed.
    """
    with transaction.atomic():
        locked = _lock(ticket)
        if not (decision := can_ask_duty_judge(locked, user)):
            raise PermissionDenied(decision.reason)
        question = question.strip()
        if not question:
            raise ValidationError({"question": ValidationError(QUESTION_REQUIRED, code="required")})
        now = timezone.now()
        today = timezone.localdate(now)
        judge = duty_judge_at(court_id=locked.court_id, at=now)
        if judge is None:
            raise ValidationError(NO_DUTY_JUDGE.format(day=f"{today:%Y-%m-%d}"), code="no_duty_judge")
        if judge.pk == user.pk:
            raise ValidationError(DUTY_JUDGE_IS_YOU, code="self")
        transfer = Transfer(
            ticket=locked,
            kind=TransferKind.DUTY_JUDGE,
            at=now,
            by=user,
            to_user=judge,
            note=question,
            reply_due_on=clocks.duty_reply_due_on(today),
        )
        locked.ask_duty_judge()
        locked.reply_due_on = transfer.reply_due_on
        _save(locked, user, f"提请值班法官{judge}")
        _save_transfer(transfer, user, "提请值班法官")
        ticket_event(
            ticket=locked,
            actor=user,
            action="ask_duty_judge",
            summary=f"提请值班法官{judge}答复，答复期限 {transfer.reply_due_on:%Y-%m-%d}。",
            data={
                "transfer": transfer.pk,
                "to_user": judge.pk,
                "reply_due_on": transfer.reply_due_on.isoformat(),
            },
        )
    return transfer


def transfer_reply(
    *, transfer: Transfer, user: User, reply: str, arranged_at: datetime | None = None
) -> Transfer:
    """The receiver's reply to a transfer or a duty question: the ticket waits for the first-responsible
    person to give it to the caller, the same working day (hotline.clocks.answer_due_on). A reply after the
    due day is taken, and the event says it was late. An appointment's reply names the arranged time."""
    with transaction.atomic():
        locked_ticket = _lock(transfer.ticket)
        locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
        locked.ticket = locked_ticket
        if not (decision := can_reply_transfer(locked, user)):
            raise PermissionDenied(decision.reason)
        errors = {}
        reply = reply.strip()
        if not reply:
            errors["reply"] = ValidationError(REPLY_REQUIRED, code="required")
        now = timezone.now()
        if locked_ticket.kind == TicketKind.APPOINTMENT and locked.kind == TransferKind.TRANSFER:
            if arranged_at is None:
                errors["arranged_at"] = ValidationError(ARRANGED_AT_REQUIRED, code="required")
            elif arranged_at <= now:
                errors["arranged_at"] = ValidationError(ARRANGED_AT_PAST, code="past")
        if errors:
            raise ValidationError(errors)

        today = timezone.localdate(now)
        late = today > locked.reply_due_on
        locked.reply = reply
        locked.replied_at = now
        locked.replied_by = user
        locked.arranged_at = arranged_at
        locked_ticket.receive_reply()
        locked_ticket.replied_at = now
        locked_ticket.answer_due_on = clocks.answer_due_on(today)
        _save(locked_ticket, user, "转办答复" if locked.kind == TransferKind.TRANSFER else "值班法官答复")
        _save_transfer(locked, user, "答复")
        summary = f"{user}答复：{reply}"
        if arranged_at is not None:
            summary += f"（约定时间 {timezone.localtime(arranged_at):%Y-%m-%d %H:%M}）"
        if late:
            summary += "。" + REPLY_LATE.format(due=f"{locked.reply_due_on:%Y-%m-%d}")
        ticket_event(
            ticket=locked_ticket,
            actor=user,
            action="reply",
            summary=summary,
            data={
                "transfer": locked.pk,
                "late": late,
                "answer_due_on": locked_ticket.answer_due_on.isoformat(),
                "arranged_at": arranged_at.isoformat() if arranged_at else None,
            },
        )
    return locked


# --- The morning reminders (督) ---------------------------------------------------------------------------


def _reply_receivers(today: date) -> dict[int, list[int]]:
    """Each person who owes a reply due today or earlier: (due today, overdue). A department's transfer
    counts for each active member of it who handles cases."""
    owed: dict[int, list[int]] = {}
    transfers = Transfer.objects.filter(
        replied_at__isnull=True,
        ticket__state__in=(TicketState.TRANSFERRED, TicketState.WITH_DUTY_JUDGE),
        reply_due_on__lte=today,
    ).values_list("to_user_id", "to_department_id", "reply_due_on")
    departments: dict[int, list[date]] = {}
    for to_user_id, to_department_id, due_on in transfers:
        if to_user_id is not None:
            owed.setdefault(to_user_id, [0, 0])[due_on < today] += 1
        else:
            departments.setdefault(to_department_id, []).append(due_on)
    if departments:
        members = User.objects.filter(department_id__in=departments, is_active=True)
        for member in members:
            if member.has_perm("courthall.handle_cases"):
                for due_on in departments[member.department_id]:
                    owed.setdefault(member.pk, [0, 0])[due_on < today] += 1
    return owed


def _answer_owners(today: date) -> dict[int, list[int]]:
    owed: dict[int, list[int]] = {}
    tickets = Ticket.objects.filter(state=TicketState.REPLIED, answer_due_on__lte=today).values_list(
        "first_responsible_id", "answer_due_on"
    )
    for owner_id, due_on in tickets:
        owed.setdefault(owner_id, [0, 0])[due_on < today] += 1
    return owed


def reminders_send(*, today: date) -> list[LineReminder]:
    """Send the morning's reminders: one SMS to each receiver with replies due today or overdue, one to
    each first-responsible agent with answers due; at most one a person, clock and day (LineReminder), so
    running it twice sends nothing new. A rest day sends nothing (the hall is closed). A person without a
    usable mobile gets the LineReminder row only, which the overdue list shows all the same."""
    if not is_working_day(today):
        return []
    sent = []
    for kind, owed, text in (
        (ReminderKind.REPLY, _reply_receivers(today), REMINDER_REPLY_TEXT),
        (ReminderKind.ANSWER, _answer_owners(today), REMINDER_ANSWER_TEXT),
    ):
        people = User.objects.filter(pk__in=owed).select_related("court")
        already = set(
            LineReminder.objects.filter(kind=kind, on=today, person_id__in=owed).values_list(
                "person_id", flat=True
            )
        )
        for person in people:
            if person.pk in already or person.court_id is None:
                continue
            due, overdue = owed[person.pk]
            reminder = _remind(person, kind, today, due, overdue, text)
            if reminder is not None:
                sent.append(reminder)
    return sent


def _remind(person: User, kind: str, today: date, due: int, overdue: int, text: str) -> LineReminder | None:
    try:
        with transaction.atomic():
            reminder = LineReminder.objects.create(
                court_id=person.court_id,
                person=person,
                kind=kind,
                on=today,
                due_count=due,
                overdue_count=overdue,
            )
            try:
                mobile = validate_mobile(person.mobile)
            except ValidationError:
                return reminder
            reminder.sms = sms_send(
                mobile=mobile,
                text=text.format(
                    court=person.court.name, name=person.get_full_name(), due=due, overdue=overdue
                ),
                purpose=REMINDER_PURPOSE,
            )
            reminder.save(update_fields=["sms"])
            return reminder
    except IntegrityError:
        # Another run of the morning command made this reminder a moment ago.
        return None


@task
def hotline_reminders(today: str | None = None) -> int:
    """The morning reminders as a task (django.tasks): `manage.py hotline_reminders` enqueues it each
    working morning; returns how many reminders were made."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return len(reminders_send(today=day))
