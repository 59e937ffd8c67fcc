from django.urls import reverse

from courthall.public import TEXT_COOKIE, TEXT_LARGE
from courthall.roles import roles_of

# The navigation a role sees; a person with several roles sees the union, in this order.
_NAV = [
    ("courthall.work_counter", "filing:counter", "立案窗口"),
    ("courthall.answer_hotline", "hotline:home", "12368 热线"),
    ("courthall.answer_duty_questions", "hotline:duty", "值班法官"),
    ("courthall.handle_cases", "filing:my_cases", "我的案件"),
    ("courthall.handle_cases", "hotline:inbox", "热线转办"),
    ("courthall.verify_portal_accounts", "accounts:verification_list", "律师核验"),
    ("courthall.supervise", "overview", "监督总览"),
    ("courthall.supervise", "filing:fee_refunds_pending", "退费审批"),
    ("courthall.use_portal", "filing:portal", "我的立案"),
]


def workplace(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from courthall.permissions import can_enter

    nav = [
        {"url": reverse(url_name), "label": label, "active": request.path.startswith(reverse(url_name))}
        for permission, url_name, label in _NAV
        if can_enter(user, permission)
    ]
    # --- roster (issue 7): every court staff member signs in and sees the hall board (舞钢规范第十三条).
    if user.court_id is not None:
        for url_name, label in (("hall:me", "签到与请假"), ("hall:board", "值守看板")):
            nav.append(
                {"url": reverse(url_name), "label": label, "active": request.path == reverse(url_name)}
            )
    roles = roles_of(user)
    if any(role.admin_site for role in roles) or user.is_superuser:
        nav.append({"url": reverse("admin:index"), "label": "系统管理", "active": False})
    return {"current_court": user.court, "user_roles": roles, "nav": nav}


def text_size(request) -> dict:
    """The large-text switch (适老化) and its state for the first paint: on the public pages, the login page
    and the portal (visitors, lawyers and parties — people without a court). Staff screens keep one size."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.court_id is not None:
        return {}
    return {"text_switch": True, "text_large": request.COOKIES.get(TEXT_COOKIE) == TEXT_LARGE}
