from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from courthall.forms import LoginForm
from courthall.permissions import can_enter, workplace_required
from courthall.roles import roles_of
from courthall.supervision import period_choice_from_query, supervised_court_id

# The panels of the supervisors' overview, in page order, by URL name: courthall imports no app, so a
# panel appears once its app serves the name (DESIGN.md: composed by URL name, through htmx).
OVERVIEW_PANELS = (
    ("filing:overview_filing", "立案"),
    ("filing:overview_year_end", "年底立案监测"),
    ("hotline:overview_panel", "12368 热线"),
    ("hall:panel", "大厅值守"),
    ("filing:overview_first_contact", "首接负责"),
    ("filing:overview_people", "人员"),
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


def overview_panels(query: str) -> list[dict]:
    """The panels whose URL name resolves, each with the URL that loads it for the chosen period."""
    panels = []
    for url_name, title in OVERVIEW_PANELS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # a deployment that does not route that app's URLs shows the others
        panels.append(
            {"id": url_name.replace(":", "-").replace("_", "-"), "title": title, "url": f"{url}?{query}"}
        )
    return panels


@never_cache
@workplace_required("courthall.supervise")
def overview(request: HttpRequest) -> HttpResponse:
    supervised_court_id(request)  # another court's ?court= is refused here, as on every panel
    today = timezone.localdate()
    choice = period_choice_from_query(request.GET, today=today)
    return render(
        request,
        "courthall/overview.html",
        {
            "choice": choice,
            "panels": overview_panels(choice.query()),
            # Lists the supervisor answers for, by URL name (the apps' pages; courthall imports none of them).
            "links": [
                ("待分案（舞钢规范第七条：当天分案）", "filing:filing_unassigned"),
                ("诉前调解（超期红色标出，钢城承诺六）", "filing:mediation_list"),
                ("12368 热线监督（接通率、回拨、超期工单）", "hotline:panel"),
                ("热线人员配置（舞钢规范第十条）", "hotline:staffing"),
            ],
        },
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and the benchmarks' baseline: one database query, no template."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
