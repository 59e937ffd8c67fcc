"""Per clerk and per judge, for the head of the centre: who received, who decided, how fast, how often a
correction notice had to be followed by a second one (一次性全面告知, 舞钢规范第六条), and how many
cases each judge was given and still has.

Each column is one GROUP BY over an indexed date range (the period and its comparison period in the same
query), so the page costs the same few queries for ten clerks or a hundred. Every number opens the list
behind it (filing:overview_list) with `person=<user pk>` (a parameter the figures carry, see
filing.selectors.figures); without it the same list is the whole court's.

"Within the limit" and "after the limit" count the decisions that end the review — registrations and
refusals (登记立案规定 arts. 8, 9) — against the filing's decision_due_on. A correction notice is not
counted there: the due date it was issued against is replaced when the corrections arrive (art. 7).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import TruncDate

from courthall import daily_counts
from courthall.exports import Column
from courthall.supervision import Period, PeriodChoice, within
from filing.models import CorrectionRequest, Filing, FilingState
from filing.selectors import figures
from filing.selectors.overview import FILING_EXPRESSIONS
from filing.selectors.year_end import FILING_COLUMNS, FILING_VALUES
from filing.services.assignment import PEOPLE_ASSIGNED_KEY

SOURCE = "舞钢规范第五条（首接负责制）、第六条（一次性全面告知）；登记立案规定第八条"


BAD_PERSON = "人员参数不正确，请从监督面板上的数字进入列表。"
PERSON = ("person",)  # the parameter the per-person figures carry


def person_of(params: Mapping[str, str] | None) -> int | None:
    """The `person=<user pk>` a list of one person's rows carries; None for everyone. Not a number: refused
    (BadParameter). Another court's person needs no check: the rows are of the asking court only."""
    text = (params or {}).get("person", "")
    if not text:
        return None
    if not text.isdigit():
        raise figures.BadParameter(BAD_PERSON)
    return int(text)


# --- the figures ------------------------------------------------------------------------------------


def _filings(court_id: int, params, by: str) -> QuerySet:
    filings = Filing.objects.filter(court_id=court_id)
    if (person := person_of(params)) is not None:
        filings = filings.filter(**{f"{by}_id": person})
    return filings


REGISTERED_LATE = Q(registered_first=True)
REFUSED_LATE = Q(decision_due_on__isnull=False, decided_at__date__gt=F("decision_due_on"))


def received_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    """Filings received in the period; with `person`, those they are first responsible for (首接负责)."""
    return (
        _filings(court_id, params, "first_receiver")
        .filter(within("received_at", choice.period))
        .order_by("received_at", "pk")
    )


def registered_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    return (
        _filings(court_id, params, "registered_by")
        .filter(within("registered_at", choice.period))
        .order_by("registered_at", "pk")
    )


def on_spot_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    """登记立案规定 art. 2: registered on the spot, the day the materials came in."""
    return registered_rows(court_id=court_id, choice=choice, today=today, params=params).filter(
        registered_on_spot=True
    )


def refused_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    return (
        _filings(court_id, params, "decided_by")
        .filter(within("decided_at", choice.period), state=FilingState.REFUSED)
        .order_by("decided_at", "pk")
    )


def _final_decisions(court_id: int, choice: PeriodChoice, params) -> QuerySet:
    """Registrations and refusals in the period (by `person` when given)."""
    person = person_of(params)
    registered = within("registered_at", choice.period)
    refused = within("decided_at", choice.period) & Q(state=FilingState.REFUSED)
    if person is not None:
        registered &= Q(registered_by_id=person)
        refused &= Q(decided_by_id=person)
    return Filing.objects.filter(Q(court_id=court_id) & (registered | refused))


def in_time_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    late = (Q(registered_at__isnull=False) & REGISTERED_LATE) | (Q(state=FilingState.REFUSED) & REFUSED_LATE)
    return _final_decisions(court_id, choice, params).exclude(late).order_by("decided_at", "pk")


def late_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    late = (Q(registered_at__isnull=False) & REGISTERED_LATE) | (Q(state=FilingState.REFUSED) & REFUSED_LATE)
    return _final_decisions(court_id, choice, params).filter(late).order_by("decided_at", "pk")


def correction_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    """Correction notices (补正材料通知书) issued in the period; with `person`, by that person."""
    notices = CorrectionRequest.objects.filter(within("issued_at", choice.period), filing__court_id=court_id)
    if (person := person_of(params)) is not None:
        notices = notices.filter(issued_by_id=person)
    return notices.order_by("issued_at", "pk")


def second_notice_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    """Correction notices with at least one second-notice item (二次告知, 舞钢规范第六条)."""
    return correction_rows(court_id=court_id, choice=choice, today=today, params=params).filter(
        pk__in=CorrectionRequest.objects.filter(items__second_notice=True).values("pk")
    )


def assigned_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    """Cases given to a judge in the period (the current assignment: a case re-assigned counts for the
    judge who has it now)."""
    return (
        _filings(court_id, params, "judge")
        .filter(within("assigned_at", choice.period), judge__isnull=False)
        .order_by("assigned_at", "pk")
    )


def judge_open_rows(*, court_id: int, choice: PeriodChoice, today: date, params=None) -> QuerySet:
    """Registered cases a judge has now (whatever the period)."""
    return (
        _filings(court_id, params, "judge")
        .filter(judge__isnull=False, state=FilingState.REGISTERED)
        .order_by("assigned_at", "pk")
    )


CORRECTION_VALUES = (
    "pk",
    "filing_id",
    "issued_at",
    "issued_by__full_name",
    "issued_by__username",
    "follow_up",
    "deadline_on",
    "filing__case_type__name",
    "filing__state",
)
_STATES = dict(Filing._meta.get_field("state").choices)
CORRECTION_COLUMNS = [
    Column("告知时间", lambda row: row["issued_at"]),
    Column("收件编号", lambda row: row["filing_id"]),
    Column("案件类型", lambda row: row["filing__case_type__name"]),
    Column("告知人", lambda row: row["issued_by__full_name"] or row["issued_by__username"]),
    Column("补正后再次告知", lambda row: row["follow_up"]),
    Column("补正期限", lambda row: row["deadline_on"]),
    Column("立案申请现状态", lambda row: _STATES.get(row["filing__state"], row["filing__state"])),
]
JUDGE_VALUES = (*FILING_VALUES, "judge__full_name", "judge__username", "assigned_at")
JUDGE_COLUMNS = [
    *FILING_COLUMNS,
    Column("承办法官", lambda row: row["judge__full_name"] or row["judge__username"] or ""),
    Column("分案时间", lambda row: row["assigned_at"]),
]


def _figure(key: str, title: str, rows, columns=FILING_COLUMNS, values=FILING_VALUES, link_field="pk"):
    return figures.register(
        figures.Figure(
            key,
            title,
            SOURCE,
            rows,
            columns,
            values,
            figures.filing_link(link_field),
            PERSON,
            # The parties' names where the rows are filings (the correction notices' rows are not).
            expressions=FILING_EXPRESSIONS if link_field == "pk" else {},
        )
    )


RECEIVED = _figure("people_received", "收到的立案材料（首接负责人）", received_rows)
REGISTERED = _figure("people_registered", "登记立案（立案人）", registered_rows)
ON_SPOT = _figure("people_on_spot", "当场立案", on_spot_rows)
REFUSED = _figure("people_refused", "裁定不予受理", refused_rows)
IN_TIME = _figure("people_in_time", "在审查期限内作出的立案或不予受理决定", in_time_rows)
LATE = _figure("people_late", "超过审查期限才作出的立案或不予受理决定", late_rows)
CORRECTIONS = _figure(
    "people_corrections",
    "出具的补正材料通知书",
    correction_rows,
    CORRECTION_COLUMNS,
    CORRECTION_VALUES,
    "filing_id",
)
SECOND_NOTICES = _figure(
    "people_second_notices",
    "含二次告知事项的补正材料通知书",
    second_notice_rows,
    CORRECTION_COLUMNS,
    CORRECTION_VALUES,
    "filing_id",
)
ASSIGNED = _figure("judge_assigned", "分给法官的案件", assigned_rows, JUDGE_COLUMNS, JUDGE_VALUES)
JUDGE_OPEN = _figure("judge_open", "法官名下已立案的案件", judge_open_rows, JUDGE_COLUMNS, JUDGE_VALUES)


# --- the counts per person and day (courthall.daily_counts) -------------------------------------------
# The panel's columns as counts per (day, person): each one the rows of a figure above (so a number and
# its list agree), the person field the table groups by and the date that puts a row on one day. Every
# one of them is settled when its day is over (settles after 0 days): a filing is received, registered,
# refused, assigned once; whether a decision was in time is known when it is taken; a notice, once issued,
# stays issued. The open day (today) is counted live.


def _registered_late_rows(**kwargs) -> QuerySet:
    return registered_rows(**kwargs).filter(REGISTERED_LATE)


def _refused_late_rows(**kwargs) -> QuerySet:
    return refused_rows(**kwargs).filter(REFUSED_LATE)


@dataclass(frozen=True)
class PerPerson:
    key: str  # the stored key: "filing.people_received" (per person: "filing.people_received.<pk>")
    by: str  # the person field of the rows
    day_field: str  # the DateTimeField read as the court's local date
    rows: Callable[..., QuerySet]  # rows(court_id=, choice=, today=) as a figure's


# A reassignment moves assigned_at to its own day: filing.services.assignment forgets these stored days.
ASSIGNED_KEY = PEOPLE_ASSIGNED_KEY

PER_PERSON = {
    "received": PerPerson("filing.people_received", "first_receiver_id", "received_at", received_rows),
    "registered": PerPerson("filing.people_registered", "registered_by_id", "registered_at", registered_rows),
    "on_spot": PerPerson("filing.people_on_spot", "registered_by_id", "registered_at", on_spot_rows),
    "registered_late": PerPerson(
        "filing.people_registered_late", "registered_by_id", "registered_at", _registered_late_rows
    ),
    "refused": PerPerson("filing.people_refused", "decided_by_id", "decided_at", refused_rows),
    "refused_late": PerPerson(
        "filing.people_refused_late", "decided_by_id", "decided_at", _refused_late_rows
    ),
    "corrections": PerPerson("filing.people_corrections", "issued_by_id", "issued_at", correction_rows),
    "second": PerPerson("filing.people_second_notices", "issued_by_id", "issued_at", second_notice_rows),
    "assigned": PerPerson(ASSIGNED_KEY, "judge_id", "assigned_at", assigned_rows),
}


def count_days_by_person(column: PerPerson, *, court_id: int, today: date) -> daily_counts.CountDaysByGroup:
    """The column's rows over a span counted per (day, person), in one GROUP BY."""

    def count(span: Period) -> dict[tuple[date, int | None], int]:
        rows = column.rows(court_id=court_id, choice=PeriodChoice(span, "none", "day"), today=today)
        return {
            (day, person): n
            for day, person, n in rows.order_by()
            .annotate(person_day=TruncDate(column.day_field))
            .values("person_day", column.by)
            .annotate(n=Count("pk"))
            .values_list("person_day", column.by, "n")
        }

    return count


def live_counts_by_person(asked: list[tuple[str, PerPerson, Period]], *, court_id: int, today: date) -> dict:
    """{label: {person: n}} of each (label, column, span) asked (the open days), counted now in ONE query:
    the columns' GROUP BY person, one after the other (UNION ALL)."""
    parts = [
        column.rows(court_id=court_id, choice=PeriodChoice(span, "none", "day"), today=today)
        .order_by()
        .annotate(person_column=Value(label), person=F(column.by))
        .values("person_column", "person")
        .annotate(n=Count("pk"))
        .values_list("person_column", "person", "n")
        for label, column, span in asked
    ]
    counts: dict[str, dict] = {label: {} for label, _, _ in asked}
    if parts:
        for label, person, n in parts[0].union(*parts[1:], all=True).order_by():
            counts[label][person] = n
    return counts
