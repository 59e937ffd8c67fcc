"""First contact at the window (首接负责制): open a visit, look at it, hand it over, close it.

Each view: parse the form, fetch through a selector (404 for what the user may not see), check the same
permission as the button (403 with the reason), call one service, redirect; a service's ValidationError
re-shows the form with the message next to the field.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from filing.forms.visits import VisitCloseForm, VisitFilterForm, VisitHandoverForm, VisitOpenForm
from filing.models import VisitState
from filing.permissions import can_act_on_visit, can_work_counter
from filing.selectors.visits import (
    visit_get_for_user,
    visit_history_list,
    visit_list_for_court,
    visit_list_open_for_department,
)
from filing.services import visits as services
from filing.views.home import counter_page

VISIT_OPENED = "已登记{visitor}的来访（{matter}）。您是首位接待人，也是第一责任人。"
VISIT_HANDED_OVER = "已将{visitor}的来访移交给{target}。"
VISIT_CLOSED_DONE = "{visitor}的来访已办结。"


@require_POST
@workplace_required("courthall.work_counter")
def visit_open(request: HttpRequest) -> HttpResponse:
    form = VisitOpenForm(request.POST)
    if form.is_valid():
        try:
            visit = services.visit_open(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, VISIT_OPENED.format(visitor=visit.visitor_name, matter=visit.get_matter_display())
            )
            return redirect("filing:visit", pk=visit.pk)
    return counter_page(request, form)


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = visit_get_for_user(pk=pk, user=request.user)
    return render(
        request,
        "filing/visits/detail.html",
        {
            "visit": visit,
            "history": visit_history_list(visit=visit),
            "may_act": can_act_on_visit(visit, request.user),
            "at_counter": can_work_counter(request.user),
        },
    )


@login_required
def visit_handover(request: HttpRequest, pk: int) -> HttpResponse:
    visit = visit_get_for_user(pk=pk, user=request.user)
    if not (decision := can_act_on_visit(visit, request.user)):
        raise PermissionDenied(decision.reason)
    form = VisitHandoverForm(request.POST or None, user=request.user, visit=visit)
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.visit_hand_over(visit=visit, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            target = handover.to_user or handover.to_department.name
            messages.success(request, VISIT_HANDED_OVER.format(visitor=visit.visitor_name, target=target))
            return _after_acting(request, visit)
    return render(request, "filing/visits/handover.html", {"visit": visit, "form": form})


@login_required
def visit_close(request: HttpRequest, pk: int) -> HttpResponse:
    visit = visit_get_for_user(pk=pk, user=request.user)
    if not (decision := can_act_on_visit(visit, request.user)):
        raise PermissionDenied(decision.reason)
    form = VisitCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_close(visit=visit, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, VISIT_CLOSED_DONE.format(visitor=visit.visitor_name))
            return _after_acting(request, visit)
    return render(request, "filing/visits/close.html", {"visit": visit, "form": form})


@workplace_required("courthall.supervise")
def visit_list(request: HttpRequest) -> HttpResponse:
    """Every visit of the court, for the head of the service centre (首接负责: who holds what)."""
    form = VisitFilterForm(request.GET or {"state": VisitState.OPEN})
    state = form.cleaned_data["state"] if form.is_valid() else None
    return render(
        request,
        "filing/visits/list.html",
        {
            "form": form,
            "visits": Paginator(visit_list_for_court(user=request.user, state=state), 50).get_page(
                request.GET.get("page")
            ),
            "heading": "接待登记",
            "lead": "本院每一次来访的第一责任人、移交和办理结果。",
        },
    )


@login_required
def visit_department_list(request: HttpRequest) -> HttpResponse:
    """Visits handed over to the user's department, still open: the department deals with them, and the
    person responsible at the window follows up and closes them."""
    return render(
        request,
        "filing/visits/list.html",
        {
            "visits": visit_list_open_for_department(user=request.user),
            "heading": "移交本部门的来访",
            "lead": "窗口移交给本部门办理、尚未办结的来访。第一责任人仍是窗口的接待人，办理后请告知其办结。",
        },
    )


def _after_acting(request: HttpRequest, visit) -> HttpResponse:
    """A clerk goes back to the counter for the next visitor; a supervisor back to the visit."""
    if can_work_counter(request.user):
        return redirect("filing:counter")
    return redirect("filing:visit", pk=visit.pk)
