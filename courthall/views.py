from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from courthall.forms import LoginForm
from courthall.permissions import can_enter, workplace_required
from courthall.roles import roles_of
from courthall.workplace import Panel

OVERVIEW_PANELS = (
    Panel(
        "立案",
        "今日收案（分渠道）、当场立案、待审查及剩余期限、超期、先行立案、补正告知、二次告知、不予受理。",
        "登记立案规定第七至九条；舞钢规范第五至七条",
    ),
    Panel("年底立案监测", "十二月按周对比收案与立案，跨年未决的立案。", "钢城承诺六（严禁年底不立案）"),
    Panel("12368 热线", "接通率、回拨、当日转交、答复超期和满意度。", "钢城承诺三"),
    Panel("大厅值守", "签到、请假、外出登记，导诉台、自助服务区和立案窗口是否有人值守。", "舞钢规范第十三条"),
    Panel("首接负责", "每位第一责任人未办结的接待和移交。", "舞钢规范第五条、第九条"),
)


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@never_cache
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the home page of their first role."""
    if not request.user.is_authenticated:
        return redirect("login")
    for role in roles_of(request.user):
        permission = role.permissions[0]
        if role.admin_site or can_enter(request.user, permission):
            return redirect(role.home)
    if request.user.is_superuser:
        return redirect("admin:index")
    return render(request, "courthall/no_role.html")


@workplace_required("courthall.supervise")
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courthall/workplace_home.html",
        {
            "heading": "监督总览",
            "lead": "每一项服务承诺都是可以点开的实时数字。",
            "panels": OVERVIEW_PANELS,
            # Built pages the overview already reaches, by URL name (courthall imports no app).
            # What is already built, by URL name (the apps' pages; courthall imports none of them).
            "links": [
                ("待分案（舞钢规范第七条：当天分案）", "filing:filing_unassigned"),
                ("诉前调解（超期红色标出，钢城承诺六）", "filing:mediation_list"),
                # --- staffing (issue 6, part STAFFING) ---
                ("12368 热线监督（接通率、回拨、超期工单）", "hotline:panel"),
                ("热线人员配置（舞钢规范第十条）", "hotline:staffing"),
                # --- end staffing ---
            ],
        },
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and the benchmarks' baseline: one database query, no template."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
