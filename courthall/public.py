"""The pages anyone may read without signing in: the courts, each court's service commitments with the figures
actually achieved, and the large-text switch (适老化) those pages and the portal carry.

舞钢规范第九条 (服务承诺制度, 办案公开制度): the time limits are published and the public can check them; the
complaint phone, the suggestion box and the complaint handling are made known. The figures come from
courthall.commitments, the same measure the supervisors read, over the last 30 days; nothing is cached, so
every visitor reads today's figure.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from courthall.commitments import achieved
from courthall.models import Court
from courthall.permissions import can_enter
from courthall.supervision import last_days

PUBLIC_DAYS = 30
# The cookie that remembers large text per browser (the context processor reads it for the first paint,
# static/js/text-size.js writes it when the button is pressed).
TEXT_COOKIE = "ch_text"
TEXT_LARGE = "large"
TEXT_COOKIE_AGE = 365 * 24 * 3600


def courts(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courthall/public/courts.html",
        {"courts": Court.objects.order_by("code"), "days": PUBLIC_DAYS},
    )


def commitments(request: HttpRequest, court_id: int) -> HttpResponse:
    court = get_object_or_404(Court, pk=court_id)
    period = last_days(timezone.localdate(), PUBLIC_DAYS)
    # The lists behind the figures name parties: only this court's supervisors follow the links.
    show_lists = bool(can_enter(request.user, "courthall.supervise")) and request.user.court_id == court.pk
    rows = [
        {
            "commitment": commitment,
            "achievement": achievement,
            "list_url": achievement.list_url if show_lists else "",
        }
        for commitment, achievement in achieved(court_id=court.pk, period=period)
    ]
    return render(
        request,
        "courthall/public/commitments.html",
        {"court": court, "period": period, "rows": rows, "days": PUBLIC_DAYS},
    )


@require_POST
def text_size(request: HttpRequest) -> HttpResponse:
    """Without JavaScript the 大字模式 button posts here: set or clear the cookie and go back to the page,
    which must be on this site (anything else goes to the home page)."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = redirect(back)
    if request.POST.get("size") == TEXT_LARGE:
        response.set_cookie(TEXT_COOKIE, TEXT_LARGE, max_age=TEXT_COOKIE_AGE, path="/", samesite="Lax")
    else:
        response.delete_cookie(TEXT_COOKIE, path="/", samesite="Lax")
    return response
