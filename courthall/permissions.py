"""Who may enter which part of the hall: one function answers for the button, the view and the service."""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

NOT_SIGNED_IN = "请先登录。"
NO_COURT = "您的账号尚未归属任何法院，请联系本院系统管理员。"
NOT_YOUR_ROLE = "您的岗位没有此项权限。如需开通，请联系本院系统管理员。"
PORTAL_ONLY = "诉讼服务网仅供律师和当事人使用。"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)

# Workplace permissions that only court staff hold: each needs the person to belong to a court.
STAFF_PERMISSIONS = frozenset(
    {
        "courthall.work_counter",
        "courthall.review_filings",
        "courthall.answer_hotline",
        "courthall.answer_duty_questions",
        "courthall.handle_cases",
        "courthall.supervise",
        "courthall.administer_court",
        "courthall.verify_portal_accounts",
    }
)


def can_enter(user, permission: str) -> Decision:
    """May `user` use the part of the hall that `permission` ("courthall.work_counter") guards?"""
    if not user.is_authenticated:
        return Decision(False, NOT_SIGNED_IN)
    if permission == "courthall.use_portal":
        # Court staff file at the counter, not through the public portal; a superuser is not a lawyer.
        if user.court_id is not None or not user.has_perm(permission) or user.is_superuser:
            return Decision(False, PORTAL_ONLY)
        return ALLOWED
    if not user.has_perm(permission):
        return Decision(False, NOT_YOUR_ROLE)
    if permission in STAFF_PERMISSIONS and user.court_id is None:
        return Decision(False, NO_COURT)
    return ALLOWED


def workplace_required(permission: str):
    """View decorator: send a visitor to the login page, refuse anyone else without `permission` (403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            decision = can_enter(request.user, permission)
            if not decision:
                raise PermissionDenied(decision.reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
