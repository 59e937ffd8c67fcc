"""The first-contact panel (首接负责制, 舞钢规范第五条; 首问负责制度, 第九条): who is responsible for the
visits still open and since when, which visits changed hands in the period and why, which were closed.

Open visits are read off the (court, state, responsible) index — the open ones only, whatever the period;
hand-overs and closings are bounded by the period (and its comparison period) on indexed datetimes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from courthall.exports import Column
from courthall.supervision import COMPARISONS, PeriodChoice, within
from filing.models import Visit, VisitHandover, VisitState
from filing.selectors import figures
from filing.selectors.people import PERSON, person_of

SOURCE = "舞钢规范第五条（首接负责制）、第九条（首问负责制度）"
SHOWN_HANDOVERS = 10  # the panel lists the latest ones; the number opens all of them


_MATTERS = dict(Visit._meta.get_field("matter").choices)
_VISIT_STATES = dict(Visit._meta.get_field("state").choices)


def _name(row: dict, prefix: str) -> str:
    return row[f"{prefix}__full_name"] or row[f"{prefix}__username"] or ""


VISIT_VALUES = (
    "pk",
    "opened_at",
    "visitor_name",
    "matter",
    "priority",
    "state",
    "responsible__full_name",
    "responsible__username",
    "responsible_department__name",
    "closed_at",
    "outcome",
)
VISIT_COLUMNS = [
    Column("接待编号", lambda row: row["pk"]),
    Column("接待时间", lambda row: row["opened_at"]),
    Column("来访人", lambda row: row["visitor_name"]),
    Column("来访事项", lambda row: _MATTERS.get(row["matter"], row["matter"])),
    Column("优先办理", lambda row: row["priority"]),
    Column("状态", lambda row: _VISIT_STATES.get(row["state"], row["state"])),
    Column("第一责任人", lambda row: _name(row, "responsible")),
    Column("责任部门", lambda row: row["responsible_department__name"] or ""),
    Column("办结时间", lambda row: row["closed_at"]),
    Column("办理结果", lambda row: row["outcome"]),
]
HANDOVER_VALUES = (
    "at",
    "visit_id",
    "visit__visitor_name",
    "visit__matter",
    "from_user__full_name",
    "from_user__username",
    "to_user__full_name",
    "to_user__username",
    "to_department__name",
    "reason",
    "party_informed",
)
HANDOVER_COLUMNS = [
    Column("移交时间", lambda row: row["at"]),
    Column("接待编号", lambda row: row["visit_id"]),
    Column("来访人", lambda row: row["visit__visitor_name"]),
    Column("来访事项", lambda row: _MATTERS.get(row["visit__matter"], row["visit__matter"])),
    Column("移交人", lambda row: _name(row, "from_user")),
    Column("接收人或部门", lambda row: _name(row, "to_user") or row["to_department__name"] or ""),
    Column("移交原因", lambda row: row["reason"]),
    Column("已向当事人说明", lambda row: row["party_informed"]),
]


def open_rows(
    *, court_id: int, choice: PeriodChoice, today: date, params: Mapping[str, str] | None = None
) -> QuerySet:
    """Visits open now (whatever the period), the longest waiting first; one person's with `person`."""
    visits = Visit.objects.filter(court_id=court_id, state=VisitState.OPEN)
    if (person := person_of(params)) is not None:
        visits = visits.filter(responsible_id=person)
    return visits.order_by("opened_at", "pk")


def handover_rows(
    *, court_id: int, choice: PeriodChoice, today: date, params: Mapping[str, str] | None = None
) -> QuerySet:
    """Hand-overs in the period; with `person`, those the person gave or received."""
    handovers = VisitHandover.objects.filter(within("at", choice.period), visit__court_id=court_id)
    if (person := person_of(params)) is not None:
        handovers = handovers.filter(Q(from_user_id=person) | Q(to_user_id=person))
    return handovers.order_by("-at", "-pk")


def closed_rows(
    *, court_id: int, choice: PeriodChoice, today: date, params: Mapping[str, str] | None = None
) -> QuerySet:
    """Visits closed in the period; with `person`, those the person closed as the one responsible."""
    visits = Visit.objects.filter(
        within("closed_at", choice.period), court_id=court_id, state=VisitState.CLOSED
    )
    if (person := person_of(params)) is not None:
        visits = visits.filter(responsible_id=person)
    return visits.order_by("-closed_at", "-pk")


def _visit_link(field: str):
    return lambda row: reverse("filing:visit", args=[row[field]])


OPEN = figures.register(
    figures.Figure(
        "visits_open",
        "未办结的接待",
        SOURCE,
        open_rows,
        VISIT_COLUMNS,
        VISIT_VALUES,
        _visit_link("pk"),
        PERSON,
    )
)
HANDOVERS = figures.register(
    figures.Figure(
        "visit_handovers",
        "接待移交",
        SOURCE,
        handover_rows,
        HANDOVER_COLUMNS,
        HANDOVER_VALUES,
        _visit_link("visit_id"),
        PERSON,
        # A hand-over or a closing never moves to another day: settled once the day is over.
        day_field="at",
        settles_after=0,
    )
)
CLOSED = figures.register(
    figures.Figure(
        "visits_closed",
        "办结的接待",
        SOURCE,
        closed_rows,
        VISIT_COLUMNS,
        VISIT_VALUES,
        _visit_link("pk"),
        PERSON,
        # A hand-over or a closing never moves to another day: settled once the day is over.
        day_field="closed_at",
        settles_after=0,
    )
)


@dataclass(frozen=True)
class Responsible:
    user_id: int
    name: str
    open: int
    oldest_opened_at: datetime
    oldest_days: int  # whole days since the oldest open visit was opened (0: today)
    url: str


@dataclass(frozen=True)
class Handover:
    at: datetime
    visit_id: int
    visitor_name: str
    from_name: str
    to_name: str
    reason: str
    party_informed: bool


@dataclass(frozen=True)
class FirstContactPanel:
    today: date
    choice: PeriodChoice
    responsible: tuple[Responsible, ...]
    open_total: int
    open_url: str
    handovers: int
    handovers_url: str
    latest_handovers: tuple[Handover, ...]
    closed: int
    closed_url: str
    earlier_handovers: int | None
    earlier_closed: int | None
    comparison_label: str

    @property
    def handovers_change(self) -> int | None:
        return None if self.earlier_handovers is None else self.handovers - self.earlier_handovers

    @property
    def closed_change(self) -> int | None:
        return None if self.earlier_closed is None else self.closed - self.earlier_closed

    @property
    def oldest_days(self) -> int | None:
        return max((person.oldest_days for person in self.responsible), default=None)


def first_contact_panel(*, court_id: int, choice: PeriodChoice, today: date) -> FirstContactPanel:
    """A few queries whatever the numbers: open visits per person, the hand-over and closing counts of
    the period and the comparison period (stored days, and today's live in one query), the latest
    hand-overs."""
    comparison = choice.comparison
    people = (
        open_rows(court_id=court_id, choice=choice, today=today)
        .values("responsible_id", "responsible__full_name", "responsible__username")
        .annotate(n=Count("pk"), oldest=Min("opened_at"))
        .order_by("-n", "oldest")
    )
    responsible = tuple(
        Responsible(
            user_id=row["responsible_id"],
            name=_name(row, "responsible"),
            open=row["n"],
            oldest_opened_at=row["oldest"],
            oldest_days=(today - timezone.localdate(row["oldest"])).days,
            url=figures.list_url(OPEN.key, choice, person=row["responsible_id"]),
        )
        for row in people
    )
    # The figures' maintained days (courthall.daily_counts): a year costs a read of stored rows.
    asked = [(HANDOVERS, choice), (CLOSED, choice)]
    if comparison is not None:
        earlier = replace(choice, period=comparison)
        asked += [(HANDOVERS, earlier), (CLOSED, earlier)]
    counted = figures.figure_counts(asked, court_id=court_id, today=today)
    handovers, closed = counted[0], counted[1]
    earlier_handovers, earlier_closed = (counted[2], counted[3]) if comparison is not None else (None, None)
    latest = handover_rows(court_id=court_id, choice=choice, today=today).select_related(
        "visit", "from_user", "to_user", "to_department"
    )[:SHOWN_HANDOVERS]
    return FirstContactPanel(
        today=today,
        choice=choice,
        responsible=responsible,
        open_total=sum(person.open for person in responsible),
        open_url=figures.list_url(OPEN.key, choice),
        handovers=handovers,
        handovers_url=figures.list_url(HANDOVERS.key, choice),
        latest_handovers=tuple(
            Handover(
                at=handover.at,
                visit_id=handover.visit_id,
                visitor_name=handover.visit.visitor_name,
                from_name=handover.from_user.get_full_name(),
                to_name=handover.to_user.get_full_name()
                if handover.to_user_id
                else handover.to_department.name,
                reason=handover.reason,
                party_informed=handover.party_informed,
            )
            for handover in latest
        ),
        closed=closed,
        closed_url=figures.list_url(CLOSED.key, choice),
        earlier_handovers=earlier_handovers,
        earlier_closed=earlier_closed,
        comparison_label=COMPARISONS[choice.compare] if comparison else "",
    )
