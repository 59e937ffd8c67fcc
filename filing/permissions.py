"""Who may do what at the window: one function per action, used by the button, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason). A record of another court is never "not
allowed": selectors hide it (404) before any of these is asked.
"""

from courthall.permissions import ALLOWED, Decision, can_enter

NOT_RESPONSIBLE = "只有本接待的第一责任人或诉讼服务中心负责人可以办理此项操作。"
VISIT_CLOSED = "该接待已办结，不能再办理。"
NOT_OPEN = "该立案申请已处理完毕（{state}），不能再办理此项操作。"
NOT_DECIDABLE = "该立案申请当前状态为“{state}”，不能作出此项决定。"
SUPERVISOR_ONLY = "二次告知须由诉讼服务中心负责人批准。"


def can_work_counter(user) -> Decision:
    return can_enter(user, "courthall.work_counter")


def can_review_filings(user) -> Decision:
    return can_enter(user, "courthall.review_filings")


def can_supervise(user) -> Decision:
    return can_enter(user, "courthall.supervise")


def can_act_on_visit(visit, user) -> Decision:
    """Hand over or close a visit: its responsible person, or a supervisor of the court."""
    if not (decision := can_work_counter(user)) and not can_supervise(user):
        return decision
    if visit.state != "open":
        return Decision(False, VISIT_CLOSED)
    if visit.responsible_id != user.pk and not can_supervise(user):
        return Decision(False, NOT_RESPONSIBLE)
    return ALLOWED


def can_view_filing(filing, user) -> Decision:
    if can_work_counter(user) or can_review_filings(user) or can_supervise(user):
        return ALLOWED
    return can_work_counter(user)


def can_receive_materials(filing, user) -> Decision:
    if not (decision := can_work_counter(user)):
        return decision
    if filing.state not in ("received", "under_review", "awaiting_correction"):
        return Decision(False, NOT_OPEN.format(state=filing.get_state_display()))
    return ALLOWED


def can_decide_filing(filing, user) -> Decision:
    """Register, return for correction, refuse, decline jurisdiction or decide later."""
    if not (decision := can_review_filings(user)):
        return decision
    if filing.state not in ("received", "under_review"):
        return Decision(False, NOT_DECIDABLE.format(state=filing.get_state_display()))
    return ALLOWED


def can_approve_second_notice(filing, user) -> Decision:
    if not can_supervise(user):
        return Decision(False, SUPERVISOR_ONLY)
    return ALLOWED
