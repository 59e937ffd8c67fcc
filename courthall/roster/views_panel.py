"""The supervisors' hall roster panel (hall:panel) and the list behind each of its figures (hall:list),
with ?format=csv|xlsx (courthall.exports). Supervisors of the court only (courthall.supervise)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from courthall.exports import (
    Column,
    export_refusal,
    export_response,
)
from courthall.permissions import workplace_required
from courthall.roster.models import Attendance, LeaveKind, LeaveRequest, LeaveState
from courthall.roster.panel import roster_panel, unstaffed_gaps
from courthall.roster.selectors import hall_board, leave_covering, open_outings
from courthall.supervision import period_choice_from_query, supervised_court_id, within

UNKNOWN_FIGURE = "没有这一项统计。"
PAGE_ROWS = 50

_KINDS = dict(LeaveKind.choices)
_STATES = dict(LeaveState.choices)


@workplace_required("courthall.supervise")
def panel(request: HttpRequest) -> HttpResponse:
    court_id = supervised_court_id(request)
    now = timezone.now()
    choice = period_choice_from_query(request.GET, today=timezone.localdate(now))
    figures = roster_panel(
        court_id=court_id, period=choice.period, board=hall_board(court_id=court_id, now=now)
    )
    context = {"panel": figures, "choice": choice, "query": choice.query()}
    if request.headers.get("HX-Request"):
        return render(request, "courthall/roster/panel.html#panel", context)
    return render(request, "courthall/roster/panel.html", context)


@dataclass(frozen=True)
class Figure:
    title: str
    columns: list[Column]
    period: bool  # whether the period applies (the "now" figures ignore it)


def _v(key: str):
    return lambda row: row[key]


_OUTING_COLUMNS = [
    Column("姓名", _v("person__full_name")),
    Column("去向", _v("destination")),
    Column("事由", _v("reason")),
    Column("外出时间", _v("went_at")),
    Column("预计返回", _v("expected_back_at")),
]
_LEAVE_COLUMNS = [
    Column("申请人", _v("person__full_name")),
    Column("部门", _v("person__department__name")),
    Column("假别", lambda row: _KINDS.get(row["kind"], row["kind"])),
    Column("开始时间", _v("starts_at")),
    Column("结束时间", _v("ends_at")),
    Column("事由", _v("reason")),
    Column("状态", lambda row: _STATES.get(row["state"], row["state"])),
    Column("审批人", _v("decided_by__full_name")),
    Column("审批时间", _v("decided_at")),
    Column("不予批准的理由", _v("refusal_reason")),
]
_LEAVE_FIELDS = [
    "person__full_name",
    "person__department__name",
    "kind",
    "starts_at",
    "ends_at",
    "reason",
    "state",
    "decided_by__full_name",
    "decided_at",
    "refusal_reason",
]

FIGURES = {
    "unstaffed_now": Figure(
        "当前无人值守的岗位",
        [
            Column("岗位", lambda row: row.post.name),
            Column("类别", lambda row: row.post.get_kind_display()),
            Column("开放时间", lambda row: "、".join(row.hours)),
            Column("无人值守起始", lambda row: row.unstaffed_since),
            Column("今日无人值守次数", lambda row: row.gaps_today),
        ],
        False,
    ),
    "out_now": Figure("当前外出人员", _OUTING_COLUMNS, False),
    "overdue_back": Figure("逾时未归的外出人员", _OUTING_COLUMNS, False),
    "on_leave_today": Figure("今日请假人员", _LEAVE_COLUMNS, False),
    "gaps": Figure(
        "无人值守时段",
        [
            Column("岗位", lambda gap: gap.post),
            Column("日期", lambda gap: gap.on),
            Column("开始", lambda gap: f"{timezone.localtime(gap.starts_at):%H:%M}"),
            Column("结束", lambda gap: f"{timezone.localtime(gap.ends_at):%H:%M}"),
            Column("分钟", lambda gap: gap.minutes),
        ],
        True,
    ),
    "sign_ins": Figure(
        "签到记录",
        [
            Column("日期", _v("on")),
            Column("姓名", _v("person__full_name")),
            Column("部门", _v("person__department__name")),
            Column("签到时间", _v("signed_in_at")),
            Column("签退时间", _v("signed_out_at")),
            Column("未签退", lambda row: row["end_reason"] == "not_signed_out"),
        ],
        True,
    ),
    "leave_decided": Figure("期间内审批的请假", _LEAVE_COLUMNS, True),
    "leave_pending": Figure("待审批的请假", _LEAVE_COLUMNS, False),
}


def _rows(figure: str, *, court_id: int, choice, now, post_id: int | None) -> Iterable[Any]:
    """The rows of one figure: a queryset of dicts (the database's own order), or the computed gaps."""
    today = timezone.localdate(now)
    period = choice.period
    if figure == "unstaffed_now":
        return hall_board(court_id=court_id, now=now).unstaffed
    if figure in ("out_now", "overdue_back"):
        rows = open_outings(court_id, today)
        if figure == "overdue_back":
            rows = rows.filter(expected_back_at__lt=now)
        return rows.values("person__full_name", "destination", "reason", "went_at", "expected_back_at")
    if figure == "gaps":
        return unstaffed_gaps(court_id=court_id, period=period, now=now, post_id=post_id)
    if figure == "sign_ins":
        return (
            Attendance.objects.filter(court_id=court_id, on__gte=period.start_on, on__lte=period.end_on)
            .order_by("on", "signed_in_at", "pk")
            .values(
                "on",
                "person__full_name",
                "person__department__name",
                "signed_in_at",
                "signed_out_at",
                "end_reason",
            )
        )
    if figure == "on_leave_today":
        leave = leave_covering(court_id, today)
    elif figure == "leave_decided":
        leave = LeaveRequest.objects.filter(within("decided_at", period), court_id=court_id).order_by(
            F("decided_at").asc(), "pk"
        )
    else:
        leave = LeaveRequest.objects.filter(court_id=court_id, state=LeaveState.PENDING).order_by(
            "starts_at", "pk"
        )
    return leave.values(*_LEAVE_FIELDS)


def _post_id(request) -> int | None:
    value = request.GET.get("post", "")
    return int(value) if value.isdigit() else None


@workplace_required("courthall.supervise")
def figure_list(request: HttpRequest) -> HttpResponse:
    court_id = supervised_court_id(request)
    now = timezone.now()
    choice = period_choice_from_query(request.GET, today=timezone.localdate(now))
    key = request.GET.get("figure", "")
    if key not in FIGURES:
        raise Http404(UNKNOWN_FIGURE)
    figure = FIGURES[key]
    post_id = _post_id(request) if key == "gaps" else None
    rows = _rows(key, court_id=court_id, choice=choice, now=now, post_id=post_id)
    errors = list(choice.errors)
    fmt = request.GET.get("format", "")
    if fmt:
        # The gaps and the posts unstaffed now are computed, a few hundred rows at most: not counted.
        if refusal := export_refusal(fmt, rows.count if isinstance(rows, QuerySet) else None):
            errors.append(refusal)
        else:
            # Querysets stream in chunks; the gaps are a generator over the period's days.
            stream = rows.iterator(chunk_size=2000) if isinstance(rows, QuerySet) else rows
            name = figure.title + (f"（{choice.period.label()}）" if figure.period else "")
            return export_response(fmt, filename=name, columns=figure.columns, rows=stream)
    if isinstance(rows, QuerySet):
        page_rows = list(rows[:PAGE_ROWS])
        total = rows.count() if len(page_rows) == PAGE_ROWS else len(page_rows)
    else:
        # The gaps (computed over the chosen period's days) and the posts unstaffed now.
        everything = list(rows)
        page_rows, total = everything[:PAGE_ROWS], len(everything)
    table = [[column.value(row) for column in figure.columns] for row in page_rows]
    return render(
        request,
        "courthall/roster/list.html",
        {
            "figure": figure,
            "key": key,
            "table": table,
            "total": total,
            "shown": len(page_rows),
            "choice": choice,
            "errors": errors,
            "export_query": choice.query(figure=key, post=post_id),
        },
    )
