"""Who may do what on the 12368 line: one function per action, used by the button, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason). A record of another court, or one the user may
not see, is never "not allowed": the selectors answer 404 before any of these is asked.
"""

from django.utils import timezone

from courthall.permissions import ALLOWED, NOT_YOUR_ROLE, Decision, can_enter

# === tickets at the line (part "tickets") =======================================================

NOT_FIRST_RESPONSIBLE = "只有本工单的首问负责人或诉讼服务中心负责人可以办理（舞钢规范第九条 首问负责）。"
NOT_TAKEN = "这条网上留言还没有人接单。请先点“接单”，由您首问负责。"
TAKEN_ALREADY = "这条网上留言已由{who}接单，由其首问负责。"
NOT_A_PORTAL_MESSAGE = "只有尚未接单的网上留言可以接单。"
TICKET_NOT_OPEN = "工单当前状态为“{state}”，不能办理此项操作。"
KIND_NEEDS_TRANSFER = (
    "“{kind}”类工单不能当场办结，须转交相关人员或部门办理（钢城承诺三：联系类、投诉类、建议类事项当日转交）。"
)
NOT_A_QUERY = "只有“查询”类工单可以查询案件信息。"
SATISFACTION_NOT_CLOSED = "工单办结后才能回访满意度。"
SATISFACTION_ALREADY = "该工单已回访（{satisfaction}），满意度只记录一次。"

# 舞钢规范第十一条: the line answers procedural questions itself. Only consultations, case queries and
# "other" requests may be closed on the spot; contact-the-judge, complaints, suggestions, reports,
# petitions, appointments and material transfers go to someone who handles them (routing).
ON_THE_SPOT_KINDS = frozenset({"consultation", "query", "other"})


def can_answer_hotline(user) -> Decision:
    return can_enter(user, "courthall.answer_hotline")


def can_open_ticket(user) -> Decision:
    """Take a request: an agent at the line, or a clerk at the counter (a visit opens a ticket)."""
    if can_enter(user, "courthall.work_counter"):
        return ALLOWED
    return can_answer_hotline(user)


def can_list_tickets(user) -> Decision:
    """The ticket list: the line's agents and the supervisors (the supervisors' panel links there)."""
    if can_enter(user, "courthall.supervise"):
        return ALLOWED
    return can_answer_hotline(user)


def can_leave_portal_message(user) -> Decision:
    return can_enter(user, "courthall.use_portal")


def can_take_ticket(ticket, user) -> Decision:
    """An agent takes a portal message that waits unassigned in the line's queue."""
    if not (decision := can_answer_hotline(user)):
        return decision
    if ticket.state != "open":
        return Decision(False, TICKET_NOT_OPEN.format(state=ticket.get_state_display()))
    if ticket.first_responsible_id is not None:
        return Decision(False, TAKEN_ALREADY.format(who=ticket.first_responsible))
    if ticket.channel != "portal":
        return Decision(False, NOT_A_PORTAL_MESSAGE)
    return ALLOWED


def can_act_on_ticket(ticket, user) -> Decision:
    """Work on a ticket: its first-responsible person (舞钢规范第九条), or a supervisor of the court."""
    if can_enter(user, "courthall.supervise"):
        return ALLOWED
    if not (decision := can_open_ticket(user)):
        return decision
    if ticket.first_responsible_id is None:
        return Decision(False, NOT_TAKEN)
    if ticket.first_responsible_id != user.pk:
        return Decision(False, NOT_FIRST_RESPONSIBLE)
    return ALLOWED


def _open_and_mine(ticket, user) -> Decision:
    if not (decision := can_act_on_ticket(ticket, user)):
        return decision
    if ticket.state != "open":
        return Decision(False, TICKET_NOT_OPEN.format(state=ticket.get_state_display()))
    return ALLOWED


def can_answer_on_the_spot(ticket, user) -> Decision:
    if not (decision := _open_and_mine(ticket, user)):
        return decision
    if ticket.kind not in ON_THE_SPOT_KINDS:
        return Decision(False, KIND_NEEDS_TRANSFER.format(kind=ticket.get_kind_display()))
    return ALLOWED


def can_refer_to_lawyer(ticket, user) -> Decision:
    """舞钢规范第十一条: a substantive question on a specific case is closed as referred to a lawyer."""
    return _open_and_mine(ticket, user)


def can_query_case(ticket, user) -> Decision:
    if not (decision := _open_and_mine(ticket, user)):
        return decision
    if ticket.kind != "query":
        return Decision(False, NOT_A_QUERY)
    return ALLOWED


def can_answer_by_callback(ticket, user) -> Decision:
    """Call the caller back with the answer (seed 002 一次办好): open, or replied by the receiver."""
    if not (decision := can_act_on_ticket(ticket, user)):
        return decision
    if ticket.state not in ("open", "replied"):
        return Decision(False, TICKET_NOT_OPEN.format(state=ticket.get_state_display()))
    return ALLOWED


def can_record_satisfaction(ticket, user) -> Decision:
    """评: any agent of the line (the follow-up call is often someone else's), a supervisor, or the
    first-responsible person; once, after the ticket is closed."""
    line_staff = can_answer_hotline(user) or can_enter(user, "courthall.supervise")
    if not line_staff and not (decision := can_act_on_ticket(ticket, user)):
        return decision
    if ticket.state != "closed":
        return Decision(False, SATISFACTION_NOT_CLOSED)
    if ticket.satisfaction:
        return Decision(False, SATISFACTION_ALREADY.format(satisfaction=ticket.get_satisfaction_display()))
    return ALLOWED


# === end tickets =======================================================================================


# --- routing (issue 6, part ROUTING): transfers, the duty judge, replies, the overdue list -----------------

TICKET_NOT_TRANSFERABLE = (
    "该工单当前状态为“{state}”，不能转办；只有办理中或已答复待回复来电人的工单可以转办。"
)
TICKET_NOT_FOR_DUTY_JUDGE = "该工单当前状态为“{state}”，不能提请值班法官；只有办理中的工单可以提请。"
NOT_THE_RECEIVER = "这件转办不是转给您或您所在部门的，只有接收人（或接收部门的人员）可以答复。"
ALREADY_REPLIED = "这件转办已于{when}由{who}答复，不能重复答复。"
TICKET_NOT_AWAITING_REPLY = "该工单当前状态为“{state}”，不在等待答复。"


def can_transfer_ticket(ticket, user) -> Decision:
    """Transfer to a judge or a department (转办): the ticket's first-responsible person (who stays so,
    舞钢规范第九条) or a supervisor, while the ticket is open or its last reply is in and another receiver is
    needed (seed 002: 联系类、投诉类、建议类事项当日转交)."""
    if not (decision := can_act_on_ticket(ticket, user)):
        return decision
    if ticket.state not in ("open", "replied"):
        return Decision(False, TICKET_NOT_TRANSFERABLE.format(state=ticket.get_state_display()))
    return ALLOWED


def can_ask_duty_judge(ticket, user) -> Decision:
    """Put a question the agent cannot answer to the duty judge of the day (舞钢规范第十一条): the ticket's
    first-responsible person or a supervisor, while the ticket is open."""
    if not (decision := can_act_on_ticket(ticket, user)):
        return decision
    if ticket.state != "open":
        return Decision(False, TICKET_NOT_FOR_DUTY_JUDGE.format(state=ticket.get_state_display()))
    return ALLOWED


def is_receiver(transfer, user) -> bool:
    """`user` is the person a transfer went to, or a member of the department it went to."""
    if not user.is_authenticated:
        return False
    if transfer.to_user_id is not None:
        return transfer.to_user_id == user.pk
    return user.department_id is not None and transfer.to_department_id == user.department_id


def can_reply_transfer(transfer, user) -> Decision:
    """Reply to a transfer or a duty question: its receiver only (the judge, or the department's staff),
    once, while the ticket waits for it."""
    if not is_receiver(transfer, user):
        return Decision(False, NOT_THE_RECEIVER)
    if transfer.replied_at is not None:
        return Decision(
            False,
            ALREADY_REPLIED.format(
                when=timezone.localtime(transfer.replied_at).strftime("%Y年%m月%d日 %H:%M"),
                who=transfer.replied_by,
            ),
        )
    if transfer.ticket.state not in ("transferred", "with_duty_judge"):
        return Decision(False, TICKET_NOT_AWAITING_REPLY.format(state=transfer.ticket.get_state_display()))
    return ALLOWED


def can_view_inbox(user) -> Decision:
    """The receivers' inbox (热线转办): judges and the staff of the departments that handle cases."""
    return can_enter(user, "courthall.handle_cases")


def can_view_duty_queue(user) -> Decision:
    return can_enter(user, "courthall.answer_duty_questions")


def can_view_overdue(user) -> Decision:
    """The overdue list and its reminders: the line's agents and the centre's supervisors (督)."""
    if (decision := can_answer_hotline(user)) or can_enter(user, "courthall.supervise"):
        return ALLOWED
    return decision


# --- calls (issue 6, part CALLS): the call log, calls entered by hand, callbacks ---------------------------

CALL_NOT_MISSED = "这通来电已接听，不在回拨名单上，无需回拨。"
CALL_ALREADY_CALLED_BACK = "这通未接来电已于{when}回拨接通，已不在回拨名单上。"
CALL_RESOLVED_BY_LATER_CALL = "来电人已于{when}再次来电并接通（{call_id}），这通未接来电无需再回拨。"


def can_view_calls(user) -> Decision:
    """The call log, the callback list and a caller's records: the line's agents, and the head of the
    service centre, whose panel opens these lists (the figure "abandoned calls not yet called back")."""
    if (decision := can_answer_hotline(user)) or can_enter(user, "courthall.supervise"):
        return ALLOWED
    return decision


def can_enter_call(user) -> Decision:
    """Enter a call by hand (the telephony system was down): an agent of the line."""
    return can_answer_hotline(user)


def can_log_callback(call, user) -> Decision:
    """Log a callback to a missed caller (钢城承诺三): an agent, while the call is still on the list."""
    if not (decision := can_answer_hotline(user)):
        return decision
    if call.state != "abandoned":
        return Decision(False, CALL_NOT_MISSED)
    if call.resolved_by_call_id is not None:
        return Decision(
            False,
            CALL_RESOLVED_BY_LATER_CALL.format(
                when=_shown(call.called_back_at), call_id=call.resolved_by_call.call_id
            ),
        )
    if call.called_back_at is not None:
        return Decision(False, CALL_ALREADY_CALLED_BACK.format(when=_shown(call.called_back_at)))
    return ALLOWED


def _shown(moment) -> str:
    return timezone.localtime(moment).strftime("%Y年%m月%d日 %H:%M")


# --- staffing (issue 6, part STAFFING): the staffing chart and the supervisors' panel ----------------------

NOT_LINE_STAFF = "人员配置表供热线坐席员和诉讼服务中心负责人查看。"


def can_view_staffing(user) -> Decision:
    """The staffing chart: the agents who work the roster and the supervisors who set it."""
    if can_enter(user, "courthall.answer_hotline") or can_enter(user, "courthall.supervise"):
        return ALLOWED
    decision = can_enter(user, "courthall.supervise")
    # Not signed in, or no court: that reason; signed in without either role: this page's own.
    return Decision(False, NOT_LINE_STAFF) if decision.reason == NOT_YOUR_ROLE else decision


def can_view_hotline_panel(user) -> Decision:
    """The supervisors' hotline panel (督): 诉讼服务中心负责人."""
    return can_enter(user, "courthall.supervise")


# --- end staffing ------------------------------------------------------------------------------------------
