from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from courthall.forms import LoginForm
from courthall.permissions import can_enter, workplace_required
from courthall.roles import roles_of


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
    return render(request, "courthall/overview.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and the benchmarks' baseline: one database query, no template."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
