"""Who may do what on the 12368 line: one function per action, used by the button, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason). A ticket of another court, or one the user may
not see, is never "not allowed": the selectors answer 404 before any of these is asked.
"""

from django.utils import timezone

from courthall.permissions import ALLOWED, Decision, can_enter

# --- routing (issue 6, part ROUTING): transfers, the duty judge, replies, the overdue list -----------------

TICKET_NOT_TRANSFERABLE = (
    "该工单当前状态为“{state}”，不能转办；只有办理中或已答复待回复来电人的工单可以转办。"
)
TICKET_NOT_FOR_DUTY_JUDGE = "该工单当前状态为“{state}”，不能提请值班法官；只有办理中的工单可以提请。"
NOT_THE_RECEIVER = "这件转办不是转给您或您所在部门的，只有接收人（或接收部门的人员）可以答复。"
ALREADY_REPLIED = "这件转办已于{when}由{who}答复，不能重复答复。"
TICKET_NOT_AWAITING_REPLY = "该工单当前状态为“{state}”，不在等待答复。"


def can_answer_hotline(user) -> Decision:
    return can_enter(user, "courthall.answer_hotline")


def can_transfer_ticket(ticket, user) -> Decision:
    """Transfer to a judge or a department (转办): an agent of the line, while the ticket is open or its
    last reply is in and another receiver is needed (seed 002: 联系类、投诉类、建议类事项当日转交)."""
    if not (decision := can_answer_hotline(user)):
        return decision
    if ticket.state not in ("open", "replied"):
        return Decision(False, TICKET_NOT_TRANSFERABLE.format(state=ticket.get_state_display()))
    return ALLOWED


def can_ask_duty_judge(ticket, user) -> Decision:
    """Put a question the agent cannot answer to the duty judge of the day (舞钢规范第十一条): an agent, while
    the ticket is open."""
    if not (decision := can_answer_hotline(user)):
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
