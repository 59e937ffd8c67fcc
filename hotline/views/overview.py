"""The line's panel on the supervisors' overview (issue 7) and the list behind each of its figures, with
its Excel/CSV export. Supervisors of the court only (can_view_hotline_panel; courthall.supervision)."""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from courthall.exports import (
    Column,
    cell_text,
    export_refusal,
    export_response,
)
from courthall.supervision import period_choice_from_query, supervised_court_id
from hotline.models import CallState, Satisfaction, TicketChannel, TicketKind, TicketState, TransferKind
from hotline.permissions import can_view_hotline_panel
from hotline.selectors.figures import FIGURES, figure_rows
from hotline.selectors.overview import hotline_overview
from hotline.views.staffing import _allowed_by

UNKNOWN_FIGURE = "没有这项统计数据，请从热线监督面板上的数字进入列表。"
ROWS_PER_PAGE = 50
EXPORT_CHUNK_ROWS = 2000
EXPORT_BUTTONS = (("xlsx", "Excel"), ("csv", "CSV"))


@dataclass(frozen=True)
class Listing:
    """The columns of a list and of its export, over `.values_list(*fields, named=True)` rows; `link` the
    page a row opens."""

    fields: tuple[str, ...]
    columns: list[Column]
    link: Callable[[tuple], str]


def _field(title: str, name: str, choices=None) -> Column:
    """A column showing the row's `name` (the label, for a field with `choices`)."""
    if choices is None:
        return Column(title, attrgetter(name))
    labels = dict(choices)
    return Column(title, lambda row: labels.get(getattr(row, name), getattr(row, name)))


def _ticket_number(pk_field: str, opened_at_field: str) -> Column:
    # As Ticket.number reads it: the year taken and the sequence.
    return Column("工单编号", lambda row: f"{getattr(row, opened_at_field):%Y}-{getattr(row, pk_field):06d}")


LISTINGS = {
    "calls": Listing(
        (
            "pk",
            "offered_at",
            "caller_number",
            "state",
            "agent__full_name",
            "wait_seconds",
            "talk_seconds",
            "callback_due_on",
            "called_back_at",
        ),
        [
            _field("来电时间", "offered_at"),
            _field("来电号码", "caller_number"),
            _field("状态", "state", CallState.choices),
            _field("接听坐席", "agent__full_name"),
            _field("等待秒数", "wait_seconds"),
            _field("通话秒数", "talk_seconds"),
            _field("回拨期限", "callback_due_on"),
            _field("回拨接通时间", "called_back_at"),
        ],
        lambda row: reverse("hotline:call_detail", args=[row.pk]),
    ),
    "tickets": Listing(
        (
            "pk",
            "opened_at",
            "kind",
            "channel",
            "state",
            "subject",
            "first_responsible__full_name",
            "transfer_due_on",
            "transferred_at",
            "reply_due_on",
            "answer_due_on",
            "satisfaction",
        ),
        [
            _ticket_number("pk", "opened_at"),
            _field("受理时间", "opened_at"),
            _field("类别", "kind", TicketKind.choices),
            _field("渠道", "channel", TicketChannel.choices),
            _field("状态", "state", TicketState.choices),
            _field("事项摘要", "subject"),
            _field("首问负责人", "first_responsible__full_name"),
            _field("转交期限", "transfer_due_on"),
            _field("转交时间", "transferred_at"),
            _field("答复期限", "reply_due_on"),
            _field("回复来电人期限", "answer_due_on"),
            _field("满意度", "satisfaction", Satisfaction.choices),
        ],
        lambda row: reverse("hotline:ticket_detail", args=[row.pk]),
    ),
    "transfers": Listing(
        (
            "pk",
            "ticket_id",
            "ticket__opened_at",
            "ticket__kind",
            "kind",
            "at",
            "by__full_name",
            "to_user__full_name",
            "to_department__name",
            "reply_due_on",
            "replied_at",
        ),
        [
            _ticket_number("ticket_id", "ticket__opened_at"),
            _field("工单类别", "ticket__kind", TicketKind.choices),
            _field("方式", "kind", TransferKind.choices),
            _field("转交时间", "at"),
            _field("转交人", "by__full_name"),
            _field("接收人", "to_user__full_name"),
            _field("接收部门", "to_department__name"),
            _field("答复期限", "reply_due_on"),
            _field("答复时间", "replied_at"),
        ],
        lambda row: reverse("hotline:ticket_detail", args=[row.ticket_id]),
    ),
}


def _supervised(request: HttpRequest):
    """The court, today and the period choice every page here reads."""
    court_id = supervised_court_id(request)
    today = timezone.localdate()
    return court_id, today, period_choice_from_query(request.GET, today=today)


@_allowed_by(can_view_hotline_panel)
def overview_panel(request: HttpRequest) -> HttpResponse:
    """The panel: a fragment for htmx (the overview page swaps it in), a page of its own otherwise."""
    court_id, today, choice = _supervised(request)
    overview = hotline_overview(court_id=court_id, choice=choice, today=today)
    template = "hotline/overview/panel.html"
    if request.headers.get("HX-Request"):
        template += "#panel"
    response = render(
        request,
        template,
        {"overview": overview, "choice": choice},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@_allowed_by(can_view_hotline_panel)
def overview_list(request: HttpRequest) -> HttpResponse:
    """The rows behind one figure, 50 a page, or all of them as Excel/CSV (`format=xlsx|csv`)."""
    court_id, today, choice = _supervised(request)
    figure = FIGURES.get(request.GET.get("figure", ""))
    if figure is None:
        return render(request, "hotline/overview/unknown.html", {"message": UNKNOWN_FIGURE}, status=404)
    rows = figure_rows(figure, court_id=court_id, period=choice.period, today=today)
    listing = LISTINGS[figure.source.key]
    values = rows.values_list(*listing.fields, named=True)
    fmt = request.GET.get("format", "")
    problem = ""
    if fmt:
        problem = export_refusal(fmt, rows.count)
        if not problem:
            name = figure.label if figure.source.now else f"{figure.label}_{choice.period.label()}"
            return export_response(
                fmt,
                filename=f"12368热线_{name}",
                columns=listing.columns,
                rows=values.iterator(chunk_size=EXPORT_CHUNK_ROWS),
            )
    page = Paginator(values, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    table = [
        (listing.link(row), [cell_text(column.value(row)) for column in listing.columns]) for row in page
    ]
    return render(
        request,
        "hotline/overview/list.html",
        {
            "figure": figure,
            "choice": choice,
            "page": page,
            "table": table,
            "headings": [column.title for column in listing.columns],
            "problem": problem,
            "query": choice.query(figure=figure.key),
            "panel_query": choice.query(),
            "exports": [
                (label, choice.query(figure=figure.key, format=fmt)) for fmt, label in EXPORT_BUTTONS
            ],
        },
        status=400 if problem else 200,
    )
