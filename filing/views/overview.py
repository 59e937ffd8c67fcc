"""The supervisors' filing panel and the list behind each of its figures (issue 7).

The panel (filing:overview_filing) is swapped into the overview page by htmx (HX-Request: the bare
<section>) or shown alone in a full page. Every number on it links to filing:overview_list, which shows
the figure's rows 30 a page and streams them as Excel or CSV (courthall.exports).
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from courthall.exports import (
    FORMATS,
    cell_text,
    export_refusal,
    export_response,
)
from courthall.permissions import workplace_required
from courthall.supervision import period_choice_from_query, supervised_court_id
from filing.selectors import figures
from filing.selectors.overview_panel import filing_panel

PAGE_SIZE = 30
EXPORT_NEEDS_VALID_PERIOD = "日期范围有误，未导出。请先改正日期范围，再导出。"


@workplace_required("courthall.supervise")
def overview_list(request: HttpRequest) -> HttpResponse:
    """GET ?figure=<key>&from&to&compare&by[&<the figure's own parameters>][&format=csv|xlsx][&page=N]: a
    figure's rows or their export."""
    court_id = supervised_court_id(request)
    today = timezone.localdate()
    choice = period_choice_from_query(request.GET, today=today)
    figure = figures.get(request.GET.get("figure", ""))
    if figure is None:
        return render(
            request, "filing/overview/unknown.html", {"message": figures.UNKNOWN_FIGURE}, status=404
        )
    params = figures.carried(figure, request.GET)
    errors = list(choice.errors)
    status = 200
    try:
        rows = figures.figure_rows(figure, court_id=court_id, choice=choice, today=today, params=params)
    except figures.BadParameter as bad:
        # Nothing to list and nothing to export: the message says why.
        errors.append(str(bad))
        rows = figures.figure_rows(figure, court_id=court_id, choice=choice, today=today).none()
        status = 400
    fmt = request.GET.get("format", "")
    if fmt and status == 200:
        if fmt in FORMATS and choice.errors:
            errors.append(EXPORT_NEEDS_VALID_PERIOD)
        elif refusal := export_refusal(fmt, rows.count):
            errors.append(refusal)
        else:
            return export_response(
                fmt,
                filename=f"{figure.title}_{choice.period.start_on}至{choice.period.end_on}",
                columns=figure.columns,
                rows=rows.iterator(chunk_size=2000),
            )
        status = 400
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    table = [
        (
            figure.link(row) if figure.link else "",
            [cell_text(column.value(row)) for column in figure.columns],
        )
        for row in page.object_list
    ]
    return render(
        request,
        "filing/overview/list.html",
        {
            "figure": figure,
            "choice": choice,
            "errors": errors,
            "page": page,
            "table": table,
            "keep": ("figure", *figure.carries),
            "query": choice.query(figure=figure.key, **params),
            "csv_query": choice.query(figure=figure.key, **params, format="csv"),
            "xlsx_query": choice.query(figure=figure.key, **params, format="xlsx"),
            "panel_query": choice.query(),
        },
        status=status,
    )


@workplace_required("courthall.supervise")
def overview_filing(request: HttpRequest) -> HttpResponse:
    """The filing panel: today's figures, the period's flow beside the comparison period's, the service
    commitments and the chart. htmx (HX-Request) gets the bare <section>; a browser the full page."""
    court_id = supervised_court_id(request)
    today = timezone.localdate()
    choice = period_choice_from_query(request.GET, today=today)
    context = {
        **filing_panel(court_id=court_id, choice=choice, today=today),
        "choice": choice,
        "today": today,
    }
    fragment = bool(request.headers.get("HX-Request"))
    template = "filing/overview/_panel.html" if fragment else "filing/overview/panel.html"
    return render(request, template, context)
