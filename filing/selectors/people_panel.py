"""The per-clerk and per-judge table (filing.selectors.people has the figures behind each number)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef

from courthall import daily_counts
from courthall.models import User
from courthall.roles import CLERK, DUTY_JUDGE, JUDGE
from courthall.supervision import COMPARISONS, PeriodChoice
from filing.selectors import figures
from filing.selectors.people import (
    ASSIGNED,
    CORRECTIONS,
    IN_TIME,
    JUDGE_OPEN,
    LATE,
    ON_SPOT,
    PER_PERSON,
    RECEIVED,
    REFUSED,
    REGISTERED,
    SECOND_NOTICES,
    count_days_by_person,
    judge_open_rows,
    live_counts_by_person,
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


def _counts(court_id: int, choice: PeriodChoice, today: date, staff) -> dict[str, dict[str, dict]]:
    """{column: {"now": {person: n}, "earlier": {person: n}}} (None: the rows of no one). The settled days
    (before today) from the maintained per-person days (courthall.daily_counts, one read), today counted
    live in one query: the past costs the same whatever its size."""
    spans = {"now": choice.period}
    if choice.comparison is not None:
        spans["earlier"] = choice.comparison
    settled, live = [], []
    for name, column in PER_PERSON.items():
        for which, period in spans.items():
            if which == "earlier" and name not in COMPARED:
                continue
            settled_span, live_span = daily_counts.split(period, today=today, settles_after=0)
            if settled_span is not None:
                settled.append(((name, which), column, settled_span))
            if live_span is not None:
                live.append((f"{name}:{which}", column, live_span))
    counts: dict[str, dict[str, dict]] = {name: {which: {} for which in spans} for name in PER_PERSON}
    stored = daily_counts.grouped_settled_totals(
        court_id=court_id,
        asked=[
            (column.key, span, count_days_by_person(column, court_id=court_id, today=today))
            for _, column, span in settled
        ],
        groups=staff,
    )
    for ((name, which), _, _), totals in zip(settled, stored, strict=True):
        _add(counts[name][which], totals)
    for label, totals in live_counts_by_person(live, court_id=court_id, today=today).items():
        name, which = label.split(":")
        _add(counts[name][which], totals)
    return counts


def _add(into: dict, counts: dict) -> None:
    for person, n in counts.items():
        into[person] = into.get(person, 0) + n


def people_panel(
    *, court_id: int, choice: PeriodChoice, today: date, sort: str = "", order: str = ""
) -> PeoplePanel:
    """Four queries whatever the number of people and the length of the period: the court's staff, the
    stored days, today's counts, the judges' open cases (and, the first time a day is asked, one GROUP BY
    per column over the days not stored yet)."""
    staff = _people(court_id)
    counts = _counts(court_id, choice, today, staff)
    open_now = {
        row["judge_id"]: row["n"]
        for row in judge_open_rows(court_id=court_id, choice=choice, today=today)
        .values("judge_id")
        .annotate(n=Count("pk"))
        .order_by()
    }

    def count(name: str, person: int | None, which: str = "now") -> int:
        group = open_now if name == "open" else counts[name].get(which, {})
        return sum(group.values()) if person is None else group.get(person, 0)

    def clerk_row(person: int | None, name: str) -> PersonRow:
        def of(column: str, which: str = "now") -> int:
            return count(column, person, which)

        late = of("registered_late") + of("refused_late")
        values = {
            "received": (of("received"), of("received", "earlier")),
            "registered": (of("registered"), of("registered", "earlier")),
            "corrections": (of("corrections"), None),
            "refused": (of("refused"), None),
            "on_spot": (of("on_spot"), None),
            "in_time": (of("registered") + of("refused") - late, None),
            "late": (late, None),
            "second_notices": (of("second"), None),
        }
        return _row(person, name, values, CLERK_COLUMNS, choice)

    def judge_row(person: int | None, name: str) -> PersonRow:
        values = {
            "assigned": (count("assigned", person), count("assigned", person, "earlier")),
            "open": (count("open", person), None),
        }
        return _row(person, name, values, JUDGE_TABLE_COLUMNS, choice)

    def named(columns: tuple[str, ...]) -> set[int]:
        return {
            pk for column in columns for group in counts[column].values() for pk in group if pk is not None
        }

    clerk_ids = named(("received", "registered", "refused", "corrections"))
    judge_ids = named(("assigned",)) | {pk for pk in open_now if pk is not None}
    people = {**staff, **_people(court_id, (clerk_ids | judge_ids) - set(staff))}
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


def _people(court_id: int, ids: set[int] | None = None) -> dict[int, tuple[str, bool, bool]]:
    """{pk: (name, listed as a clerk, listed as a judge)}, in one query: without `ids`, the court's staff
    (every user of the court, listed where active in the role); with them, those people (someone of no
    role, or of another court, whom the counts name — a supervisor who registered a filing), unlisted."""
    if ids is not None and not ids:
        return {}
    through = User.groups.through
    users = User.objects.filter(court_id=court_id) if ids is None else User.objects.filter(pk__in=ids)
    rows = (
        users.annotate(
            is_clerk=Exists(through.objects.filter(user_id=OuterRef("pk"), group__name=CLERK.group_name)),
            is_judge=Exists(
                through.objects.filter(
                    user_id=OuterRef("pk"), group__name__in=[JUDGE.group_name, DUTY_JUDGE.group_name]
                )
            ),
        )
        .values_list("pk", "full_name", "username", "is_active", "is_clerk", "is_judge")
        .order_by("full_name", "username", "pk")
    )
    listed = ids is None
    return {
        pk: (full_name or username, listed and active and is_clerk, listed and active and is_judge)
        for pk, full_name, username, active, is_clerk, is_judge in rows
    }


def _sorted(rows: list[PersonRow], sort: str, descending: bool, columns: tuple) -> tuple[PersonRow, ...]:
    """By the sort column when it is this table's (ties by name), else by name."""
    if sort in {key for key, _, _ in columns}:
        ordered = sorted(rows, key=lambda row: row.name)
        return tuple(sorted(ordered, key=lambda row: row[sort].value, reverse=descending))
    return tuple(sorted(rows, key=lambda row: row.name, reverse=descending and sort == "name"))
