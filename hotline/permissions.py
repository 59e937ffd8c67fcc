"""Who may do what on the 12368 line: one function per action, used by the link, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason).
"""

from courthall.permissions import ALLOWED, NOT_YOUR_ROLE, Decision, can_enter

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
