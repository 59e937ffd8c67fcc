"""The clerks' side of online filing: the online queue (舞钢规范第七条 当天审核)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from filing.permissions import can_view_filing
from filing.selectors.filings import filing_online_clock, filing_online_queue


@login_required
def online_queue(request: HttpRequest) -> HttpResponse:
    """Online filings of the court, the earliest same-day review date first."""
    if not (decision := can_view_filing(None, request.user)):
        raise PermissionDenied(decision.reason)
    today = timezone.localdate()
    page = Paginator(filing_online_queue(user=request.user), 50).get_page(request.GET.get("page"))
    for filing in page:
        filing.clock = filing_online_clock(filing, today=today)
    return render(request, "filing/online/queue.html", {"page": page, "today": today})
