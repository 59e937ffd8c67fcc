"""The per-clerk and per-judge table (filing.selectors.people has the figures behind each number)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from courthall.models import User
from courthall.roles import CLERK, DUTY_JUDGE, JUDGE
from courthall.supervision import COMPARISONS, PeriodChoice, within, within_any
from filing.models import CorrectionRequest, Filing, FilingState
from filing.selectors import figures
from filing.selectors.people import (
    ASSIGNED,
    CORRECTIONS,
    IN_TIME,
    JUDGE_OPEN,
    LATE,
    ON_SPOT,
    RECEIVED,
    REFUSED,
    REFUSED_LATE,
    REGISTERED,
    REGISTERED_LATE,
    SECOND_NOTICES,
    judge_open_rows,
)


@dataclass(frozen=True)
class Cell:
    """One number of the table, the list it opens, and (for the columns compared) the comparison's."""

    value: int
    url: str
    earlier: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.earlier is None else self.value - self.earlier


@dataclass(frozen=True)
class PersonRow:
    user_id: int | None  # None: the court's total
    name: str
    cells: tuple[tuple[str, Cell], ...]  # (sort key, cell) in the table's column order

    def __getitem__(self, key: str) -> Cell:
        return dict(self.cells)[key]


@dataclass(frozen=True)
class Heading:
    key: str
    title: str
    query: str  # the panel's query string sorted by this column
    sorted: str  # "", "descending" or "ascending" (aria-sort)


# Columns of the two tables: (sort key, heading, figure). Sort keys are unique across both tables, so one
# `sort` parameter names its table.
CLERK_COLUMNS = (
    ("received", "收件（首接）", RECEIVED),
    ("registered", "立案", REGISTERED),
    ("corrections", "补正告知", CORRECTIONS),
    ("refused", "不予受理", REFUSED),
    ("on_spot", "当场立案", ON_SPOT),
    ("in_time", "期限内决定", IN_TIME),
    ("late", "超期决定", LATE),
    ("second_notices", "含二次告知", SECOND_NOTICES),
)
JUDGE_TABLE_COLUMNS = (("assigned", "分案", ASSIGNED), ("open", "在办", JUDGE_OPEN))
COMPARED = frozenset({"received", "registered", "assigned"})
SORT_KEYS = frozenset({"name", *(key for key, _, _ in CLERK_COLUMNS + JUDGE_TABLE_COLUMNS)})


@dataclass(frozen=True)
class PeoplePanel:
    today: date
    choice: PeriodChoice
    sort: str
    descending: bool
    clerks: tuple[PersonRow, ...]
    clerk_total: PersonRow
    judges: tuple[PersonRow, ...]
    judge_total: PersonRow
    comparison_label: str

    def headings(self, columns: tuple) -> list[Heading]:
        """The name column and `columns`, each linking to the panel sorted by it; the column already
        sorted by turns around."""
        result = []
        for key, title in (("name", "姓名"), *((key, title) for key, title, _ in columns)):
            descending = not self.descending if key == self.sort else key != "name"
            query = self.choice.query(sort=key, order="desc" if descending else "asc")
            current = ("descending" if self.descending else "ascending") if key == self.sort else ""
            result.append(Heading(key, title, query, current))
        return result

    @property
    def clerk_headings(self) -> list[Heading]:
        return self.headings(CLERK_COLUMNS)

    @property
    def judge_headings(self) -> list[Heading]:
        return self.headings(JUDGE_TABLE_COLUMNS)


def _grouped(queryset: QuerySet, by: str, date_field: str, choice: PeriodChoice, **extra: Q) -> dict:
    """{person id (None for none): {"now": n, "earlier": n, extra key: n}} in one GROUP BY over the
    period and its comparison period. `extra` counts (in the period) the rows matching each Q."""
    period, comparison = choice.period, choice.comparison
    counts = {"now": Count("pk", distinct=True, filter=within(date_field, period))}
    if comparison is not None:
        counts["earlier"] = Count("pk", distinct=True, filter=within(date_field, comparison))
    for key, q in extra.items():
        counts[key] = Count("pk", distinct=True, filter=within(date_field, period) & q)
    rows = (
        queryset.filter(within_any(date_field, period, comparison)).values(by).annotate(**counts).order_by()
    )
    return {row.pop(by): row for row in rows}


def people_panel(
    *, court_id: int, choice: PeriodChoice, today: date, sort: str = "", order: str = ""
) -> PeoplePanel:
    """Seven queries whatever the number of people: one GROUP BY per kind of record, one for the people."""
    filings = Filing.objects.filter(court_id=court_id)
    received = _grouped(filings, "first_receiver_id", "received_at", choice)
    registered = _grouped(
        filings.filter(registered_at__isnull=False),
        "registered_by_id",
        "registered_at",
        choice,
        on_spot=Q(registered_on_spot=True),
        late=REGISTERED_LATE,
    )
    refused = _grouped(
        filings.filter(state=FilingState.REFUSED), "decided_by_id", "decided_at", choice, late=REFUSED_LATE
    )
    corrections = _grouped(
        CorrectionRequest.objects.filter(filing__court_id=court_id),
        "issued_by_id",
        "issued_at",
        choice,
        second=Q(items__second_notice=True),
    )
    assigned = _grouped(filings.filter(judge__isnull=False), "judge_id", "assigned_at", choice)
    open_now = {
        row["judge_id"]: {"now": row["n"]}
        for row in judge_open_rows(court_id=court_id, choice=choice, today=today)
        .values("judge_id")
        .annotate(n=Count("pk"))
        .order_by()
    }

    def clerk_row(person: int | None, name: str) -> PersonRow:
        def count(group: dict, key: str = "now") -> int:
            return _count(group, person, key)

        late = count(registered, "late") + count(refused, "late")
        values = {
            "received": (count(received), count(received, "earlier")),
            "registered": (count(registered), count(registered, "earlier")),
            "corrections": (count(corrections), None),
            "refused": (count(refused), None),
            "on_spot": (count(registered, "on_spot"), None),
            "in_time": (count(registered) + count(refused) - late, None),
            "late": (late, None),
            "second_notices": (count(corrections, "second"), None),
        }
        return _row(person, name, values, CLERK_COLUMNS, choice)

    def judge_row(person: int | None, name: str) -> PersonRow:
        values = {
            "assigned": (_count(assigned, person), _count(assigned, person, "earlier")),
            "open": (_count(open_now, person), None),
        }
        return _row(person, name, values, JUDGE_TABLE_COLUMNS, choice)

    clerk_ids = {
        pk for group in (received, registered, refused, corrections) for pk in group if pk is not None
    }
    judge_ids = {pk for group in (assigned, open_now) for pk in group if pk is not None}
    people = _people(court_id, clerk_ids | judge_ids)
    sort = sort if sort in SORT_KEYS else "received"
    descending = order != "asc" if order in ("asc", "desc") else sort != "name"
    clerks = [
        clerk_row(pk, name) for pk, (name, is_clerk, _) in people.items() if is_clerk or pk in clerk_ids
    ]
    judges = [
        judge_row(pk, name) for pk, (name, _, is_judge) in people.items() if is_judge or pk in judge_ids
    ]
    return PeoplePanel(
        today=today,
        choice=choice,
        sort=sort,
        descending=descending,
        clerks=_sorted(clerks, sort, descending, CLERK_COLUMNS),
        clerk_total=clerk_row(None, "合计"),
        judges=_sorted(judges, sort, descending, JUDGE_TABLE_COLUMNS),
        judge_total=judge_row(None, "合计"),
        comparison_label=COMPARISONS[choice.compare] if choice.comparison else "",
    )


def _count(group: dict, person: int | None, key: str = "now") -> int:
    """A person's count in a _grouped() result; for None, the court's total (the records without a
    person included, as the court-wide list behind the total shows them)."""
    if person is None:
        return sum(row.get(key) or 0 for row in group.values())
    return (group.get(person) or {}).get(key) or 0


def _row(person: int | None, name: str, values: dict, columns: tuple, choice: PeriodChoice) -> PersonRow:
    compared = choice.comparison is not None
    cells = tuple(
        (
            key,
            Cell(
                value=values[key][0],
                url=figures.list_url(figure.key, choice, person=person),
                earlier=values[key][1] if compared and key in COMPARED else None,
            ),
        )
        for key, _, figure in columns
    )
    return PersonRow(person, name, cells)


def _people(court_id: int, ids: set[int]) -> dict[int, tuple[str, bool, bool]]:
    """{pk: (name, is a clerk, is a judge)}: the court's clerks and judges, and whoever else the counts
    name (a supervisor who registered a filing), in one query."""
    through = User.groups.through
    rows = (
        User.objects.filter(
            Q(pk__in=ids)
            | Q(
                court_id=court_id,
                is_active=True,
                groups__name__in=[CLERK.group_name, JUDGE.group_name, DUTY_JUDGE.group_name],
            )
        )
        .annotate(
            is_clerk=Exists(through.objects.filter(user_id=OuterRef("pk"), group__name=CLERK.group_name)),
            is_judge=Exists(
                through.objects.filter(
                    user_id=OuterRef("pk"), group__name__in=[JUDGE.group_name, DUTY_JUDGE.group_name]
                )
            ),
        )
        .values_list("pk", "full_name", "username", "is_clerk", "is_judge")
        .distinct()
        .order_by("full_name", "username", "pk")
    )
    return {
        pk: (full_name or username, is_clerk, is_judge)
        for pk, full_name, username, is_clerk, is_judge in rows
    }


def _sorted(rows: list[PersonRow], sort: str, descending: bool, columns: tuple) -> tuple[PersonRow, ...]:
    """By the sort column when it is this table's (ties by name), else by name."""
    if sort in {key for key, _, _ in columns}:
        ordered = sorted(rows, key=lambda row: row.name)
        return tuple(sorted(ordered, key=lambda row: row[sort].value, reverse=descending))
    return tuple(sorted(rows, key=lambda row: row.name, reverse=descending and sort == "name"))
