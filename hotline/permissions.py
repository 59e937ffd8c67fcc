"""Who may do what on the line: one function per action, used by the button, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason). A ticket of another court is never "not
allowed": hotline.selectors.tickets hides it (404) before any of these is asked.
"""

from courthall.permissions import ALLOWED, Decision, can_enter

# === tickets at the line (part "tickets") ==============================================================

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
