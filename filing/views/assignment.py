"""Assignment screens: the judge's 我的案件, the supervisors' 待分案 list and the reassignment (改分).

Each view: parse, fetch through a selector (another court's filing is a 404), check the permission (403
with the reason), call one service, redirect. A service's ValidationError re-shows the form with it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from filing.forms.assignment import ReassignForm
from filing.permissions import can_reassign_filing
from filing.selectors.assignment import judge_choices, judge_get, my_cases, unassigned_filings
from filing.selectors.filings import filing_get_for_user
from filing.services import assignment as services
from filing.views.common import require

REASSIGNED = "已改由{name}承办，理由已记入流程记录。"
ASSIGNED_BY_HAND = "已分给{name}承办，理由已记入流程记录。"
ASSIGNED_AGAIN = "已重新自动分案：{name}承办。"
STILL_UNASSIGNED = "仍未能自动分案：{reason}"


@workplace_required("courthall.handle_cases")
def my_cases_page(request: HttpRequest) -> HttpResponse:
    """The judge's cases: newly assigned ones (not opened since) first, marked 新."""
    page = Paginator(my_cases(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "filing/assignment/my_cases.html", {"page": page})


@workplace_required("courthall.supervise")
def unassigned_list(request: HttpRequest) -> HttpResponse:
    """待分案: registered cases no judge could take, with the reason, to be assigned by hand."""
    page = Paginator(unassigned_filings(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "filing/assignment/unassigned.html", {"page": page})


@workplace_required("courthall.supervise")
def filing_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the case to another judge (or, waiting for one, to a judge) with a written reason."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    require(can_reassign_filing(filing, request.user))
    choices = judge_choices(filing, on=timezone.localdate())
    form = ReassignForm(request.POST or None, choices=choices)
    if form.is_valid():
        previous = filing.judge_id
        try:
            assignment = services.filing_reassign(
                filing=filing,
                user=request.user,
                judge=judge_get(form.cleaned_data["judge"]),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = REASSIGNED if previous else ASSIGNED_BY_HAND
            messages.success(request, done.format(name=assignment.judge.get_full_name()))
            return redirect("filing:filing_detail", pk=filing.pk)
    return render(request, "filing/assignment/reassign.html", {"filing": filing, "form": form})


@require_POST
@workplace_required("courthall.supervise")
def filing_assign_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the automatic rule again on a case waiting for a judge."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    try:
        assignment = services.filing_assign_again(filing=filing, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if assignment is None:
            filing.refresh_from_db(fields=["unassigned_reason"])
            messages.warning(request, STILL_UNASSIGNED.format(reason=filing.unassigned_reason))
        else:
            messages.success(request, ASSIGNED_AGAIN.format(name=assignment.judge.get_full_name()))
    return redirect("filing:filing_detail", pk=filing.pk)
