"""Who may do what on the hall roster (舞钢规范第十三条). One function per decision, for the button, the view
and the service alike."""

from django.utils import timezone

from courthall.permissions import ALLOWED, NO_COURT, NOT_SIGNED_IN, Decision
from courthall.roster.models import LeaveRequest, LeaveState

SUPERVISE = "courthall.supervise"

OTHER_COURT_LEAVE = "只能审批本院工作人员的请假申请。"
OWN_LEAVE = "不能审批本人的请假申请。"
NOT_THE_HEAD = "该申请由{department}负责人{head}审批。"
NOT_THE_SUPERVISOR = "{department}未指定部门负责人，该申请由本院诉讼服务中心负责人审批。"
HEAD_OWN_LEAVE = "部门负责人本人的请假由本院诉讼服务中心负责人审批。"
ALREADY_DECIDED = "该申请已{state}，不能再审批。"
NOT_YOUR_LEAVE = "只能撤回本人的请假申请。"
CANNOT_CANCEL = "该申请已{state}，不能撤回。"
ALREADY_BEGUN = "已批准的请假已经开始，不能撤回；如提前返岗，请联系审批人。"
NO_DEPARTMENT = "（未归属部门）"


def can_use_roster(user) -> Decision:
    """Every court staff member signs in, goes out and asks for leave (第十三条), and sees the board."""
    if not user.is_authenticated:
        return Decision(False, NOT_SIGNED_IN)
    if user.court_id is None:
        return Decision(False, NO_COURT)
    return ALLOWED


def leave_approver_rule(leave: LeaveRequest) -> tuple[int | None, str]:
    """(the head's user id, "") when the head of the requester's department decides; (None, reason) when
    the court's supervisor does: the department has no head, the requester has no department, or the
    requester is the head."""
    department = leave.person.department
    if department is None:
        return None, NOT_THE_SUPERVISOR.format(department=NO_DEPARTMENT)
    if department.head_id is None:
        return None, NOT_THE_SUPERVISOR.format(department=department.name)
    if department.head_id == leave.person_id:
        return None, HEAD_OWN_LEAVE
    return department.head_id, ""


def can_decide_leave(leave: LeaveRequest, user) -> Decision:
    """Only the head of the requester's department approves or refuses; the court's supervisor when the
    department has no head (or for the head's own leave); never the requester; never another court."""
    if not (decision := can_use_roster(user)):
        return decision
    if user.court_id != leave.court_id:
        return Decision(False, OTHER_COURT_LEAVE)
    if user.pk == leave.person_id:
        return Decision(False, OWN_LEAVE)
    if leave.state != LeaveState.PENDING:
        return Decision(False, ALREADY_DECIDED.format(state=leave.get_state_display()))
    head_id, reason = leave_approver_rule(leave)
    if head_id is not None:
        if user.pk == head_id:
            return ALLOWED
        department = leave.person.department
        return Decision(False, NOT_THE_HEAD.format(department=department.name, head=department.head))
    if user.has_perm(SUPERVISE):
        return ALLOWED
    return Decision(False, reason)


def can_cancel_leave(leave: LeaveRequest, user) -> Decision:
    """The requester withdraws a pending request, or an approved leave that has not begun."""
    if user.pk != leave.person_id:
        return Decision(False, NOT_YOUR_LEAVE)
    if leave.state == LeaveState.PENDING:
        return ALLOWED
    if leave.state == LeaveState.APPROVED:
        return ALLOWED if leave.starts_at > timezone.now() else Decision(False, ALREADY_BEGUN)
    return Decision(False, CANNOT_CANCEL.format(state=leave.get_state_display()))
