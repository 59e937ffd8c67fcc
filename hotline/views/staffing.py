"""Pages of part STAFFING (issue 6): the staffing chart and the supervisors' hotline panel."""

from functools import wraps

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hotline.permissions import can_view_hotline_panel, can_view_staffing
from hotline.selectors.figures import OVERDUE_CLOCK_LABELS
from hotline.selectors.panel import hotline_panel
from hotline.selectors.staffing import default_period, staffing_table
from hotline.staffing_chart import staffing_chart

PERIOD_BACKWARDS = "结束日期不能早于开始日期。"
PERIOD_TOO_LONG = "统计期间最长 366 天。"
MAX_PERIOD_DAYS = 366


def _allowed_by(can):
    """View decorator: a visitor goes to the login page; anyone `can` refuses gets a 403 with its reason."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (decision := can(request.user)):
                raise PermissionDenied(decision.reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# ISO dates, the only value <input type="date"> shows.
_DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


class PeriodForm(forms.Form):
    first_on = forms.DateField(label="开始日期", widget=_DATE_INPUT)
    last_on = forms.DateField(label="结束日期", widget=_DATE_INPUT)

    def clean(self):
        data = super().clean()
        first_on, last_on = data.get("first_on"), data.get("last_on")
        if first_on and last_on:
            if last_on < first_on:
                raise forms.ValidationError(PERIOD_BACKWARDS)
            if (last_on - first_on).days + 1 > MAX_PERIOD_DAYS:
                raise forms.ValidationError(PERIOD_TOO_LONG)
        return data


@_allowed_by(can_view_staffing)
def staffing(request: HttpRequest) -> HttpResponse:
    first_on, last_on = default_period(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"first_on": first_on, "last_on": last_on})
    if request.GET and form.is_valid():
        first_on, last_on = form.cleaned_data["first_on"], form.cleaned_data["last_on"]
    table = staffing_table(court_id=request.user.court_id, first_on=first_on, last_on=last_on)
    return render(
        request,
        "hotline/staffing.html",
        {
            "form": form,
            "table": table,
            "charts": staffing_chart(table),
            "weeks": ((last_on - first_on).days + 1) / 7,
        },
    )


@_allowed_by(can_view_hotline_panel)
def panel(request: HttpRequest) -> HttpResponse:
    figures = hotline_panel(court_id=request.user.court_id, today=timezone.localdate())
    return render(request, "hotline/panel.html", {"panel": figures, "clock_labels": OVERDUE_CLOCK_LABELS})
