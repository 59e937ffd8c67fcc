"""The figures of the supervisors' filing panel (issue 7), each registered with filing.selectors.figures.

"Now" figures read the open filings only (today's receipts, the waiting ones, the overdue ones); flow
figures read a date range of an indexed date column (received_at, registered_at, decided_at …). Each
figure's rows() is the whole definition: the panel counts it, the list pages it, the export streams it.

What counts as overdue is the definition the clerks' screens already use (filing.selectors.filings
UNDECIDED_STATES and online_clock: a limit is missed once today is after it; a filing awaiting
correction is not on the decision clock; filing.models.mediation.Mediation.is_overdue).
"""

from datetime import date, timedelta

from django.db.models import DateField, F, OuterRef, Q, QuerySet, StringAgg, Subquery, Value

from courthall.exports import Column
from courthall.supervision import Period, PeriodChoice, within
from filing.models import Channel, Filing, FilingState, Mediation, Party
from filing.selectors.figures import Figure, filing_link, register
from filing.selectors.filings import UNDECIDED_STATES

CHANNEL_LABELS = dict(Channel.choices)
STATE_LABELS = dict(FilingState.choices)


# --- shared pieces -----------------------------------------------------------------------------------


def filing_number(row: dict, prefix: str = "") -> str:
    """案号, or 收件 N before a case number is given."""
    number = row[f"{prefix}case_number"]
    return number or f"收件 {row[f'{prefix}pk' if prefix else 'pk']}"


FILING_VALUES = (
    "pk",
    "case_number",
    "channel",
    "case_type__name",
    "received_at",
    "state",
    "first_receiver__full_name",
    "first_receiver__username",
)
# Who the filing is about, as a supervisor recognises it: the parties' names in their order, one sub-select.
FILING_EXPRESSIONS = {
    "party_names": Subquery(
        Party.objects.filter(filing=OuterRef("pk"))
        .order_by()
        .values("filing")
        .annotate(names=StringAgg("name", Value("、"), order_by=("sort_order", "pk")))
        .values("names")[:1]
    )
}
FILING_COLUMNS = [
    Column("案号或收件号", filing_number),
    Column("当事人", lambda row: row["party_names"]),
    Column(
        "第一责任人", lambda row: row["first_receiver__full_name"] or row["first_receiver__username"] or ""
    ),
    Column("立案渠道", lambda row: CHANNEL_LABELS.get(row["channel"], row["channel"])),
    Column("案件类型", lambda row: row["case_type__name"]),
    Column("收到材料时间", lambda row: row["received_at"]),
    Column("状态", lambda row: STATE_LABELS.get(row["state"], row["state"])),
]


def _filings(court_id: int) -> QuerySet[Filing]:
    return Filing.objects.filter(court_id=court_id)


def _filing_figure(
    key, title, source, rows, *, columns=(), values=(), day_field=None, settles_after=None
) -> Figure:
    return register(
        Figure(
            key=key,
            title=title,
            source=source,
            rows=rows,
            columns=[*FILING_COLUMNS, *columns],
            values=(*FILING_VALUES, *values),
            link=filing_link(),
            expressions=FILING_EXPRESSIONS,
            day_field=day_field,
            settles_after=settles_after,
        )
    )


# --- now: received today, by channel -----------------------------------------------------------------


def received_today(channel: str):
    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
        return (
            _filings(court_id)
            .filter(within("received_at", Period(today, today)), channel=channel)
            .order_by("received_at", "pk")
        )

    return rows


RECEIVED_TODAY = {
    channel: _filing_figure(
        f"received_today_{channel}",
        f"今日收件：{label}",
        "登记立案规定第二条（收到起诉材料出具书面凭证）",
        received_today(channel),
    )
    for channel, label in Channel.choices
}


# --- now: waiting for the decision, by the days left -------------------------------------------------

REMAINING_COLUMNS = [
    Column("审查期限届满日", lambda row: row["decision_due_on"]),
    Column(
        "剩余天数",
        lambda row: "" if row["decision_due_on"] is None else (row["decision_due_on"] - row["as_of"]).days,
    ),
]


def waiting(low: int | None, high: int | None):
    """Undecided filings not yet past their limit whose days left lie in [low, high] (None: open end;
    both None: all, including a case type without a statutory period)."""

    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
        filings = _filings(court_id).filter(state__in=UNDECIDED_STATES)
        if low is None and high is None:
            filings = filings.filter(Q(decision_due_on__gte=today) | Q(decision_due_on__isnull=True))
        else:
            span = Q(decision_due_on__gte=today + timedelta(low))
            if high is not None:
                span &= Q(decision_due_on__lte=today + timedelta(high))
            else:
                span |= Q(decision_due_on__isnull=True)
            filings = filings.filter(span)
        return filings.annotate(as_of=Value(today, output_field=DateField())).order_by(
            F("decision_due_on").asc(nulls_last=True), "received_at", "pk"
        )

    return rows


def _waiting_figure(key, title, low, high) -> Figure:
    return _filing_figure(
        key,
        title,
        "登记立案规定第八条（七日内决定是否立案）",
        waiting(low, high),
        columns=REMAINING_COLUMNS,
        values=("decision_due_on", "as_of"),
    )


WAITING = _waiting_figure("waiting", "待审查（未过期限）", None, None)
WAITING_BY_DAYS_LEFT = [
    (_waiting_figure("waiting_due_today", "待审查：今日届满", 0, 0), "今日届满"),
    (_waiting_figure("waiting_due_soon", "待审查：剩余 1–2 日", 1, 2), "剩 1–2 日"),
    (_waiting_figure("waiting_due_later", "待审查：剩余 3 日以上", 3, None), "剩 3 日以上"),
]


# --- now: overdue ----------------------------------------------------------------------------------


def overdue_online(field: str):
    """Online filings still undecided after `field` (filing.selectors.filings.online_clock)."""

    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
        return (
            _filings(court_id)
            .filter(channel=Channel.ONLINE, state__in=UNDECIDED_STATES, **{f"{field}__lt": today})
            .order_by(field, "received_at", "pk")
        )

    return rows


def overdue_statutory(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
    """登记立案规定 art. 8: past the statutory period and still undecided (filing_is_overdue)."""
    return (
        _filings(court_id)
        .filter(state__in=UNDECIDED_STATES, decision_due_on__lt=today)
        .order_by("decision_due_on", "received_at", "pk")
    )


OVERDUE_SAME_DAY = _filing_figure(
    "overdue_same_day",
    "网上立案超过当日审核未审",
    "舞钢规范第七条（当天审核；涉营商环境案件必须当天审核）",
    overdue_online("online_review_due_on"),
    columns=[Column("当日审核日", lambda row: row["online_review_due_on"])],
    values=("online_review_due_on",),
)
OVERDUE_OUTER = _filing_figure(
    "overdue_three_days",
    "网上立案超过 3 个工作日未审",
    "钢城承诺（网上立案材料 3 日内审核）",
    overdue_online("online_review_limit_on"),
    columns=[Column("审核最迟日", lambda row: row["online_review_limit_on"])],
    values=("online_review_limit_on",),
)
OVERDUE_STATUTORY = _filing_figure(
    "overdue_statutory",
    "超过法定审查期限未决",
    "登记立案规定第八条（期限届满仍未决定的，应先行立案）",
    overdue_statutory,
    columns=[Column("审查期限届满日", lambda row: row["decision_due_on"])],
    values=("decision_due_on",),
)


def overdue_mediations(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Mediation]:
    """钢城承诺六: mediations past their limit without an outcome (Mediation.is_overdue)."""
    return Mediation.objects.filter(court_id=court_id, outcome="", due_on__lt=today).order_by("due_on", "pk")


OVERDUE_MEDIATION = register(
    Figure(
        key="overdue_mediation",
        title="诉前调解超过期限未结",
        source="钢城承诺六（严禁无故超期诉前调解）",
        rows=overdue_mediations,
        columns=[
            Column("诉前调解案号", lambda row: row["number"]),
            Column("收件号", lambda row: f"收件 {row['filing_id']}"),
            Column("调解员或调解组织", lambda row: row["mediator_name"]),
            Column("开始调解时间", lambda row: row["started_at"]),
            Column("调解期限届满日", lambda row: row["due_on"]),
        ],
        values=("number", "filing_id", "mediator_name", "started_at", "due_on"),
        link=filing_link("filing_id"),
    )
)
OVERDUE = [OVERDUE_SAME_DAY, OVERDUE_OUTER, OVERDUE_STATUTORY, OVERDUE_MEDIATION]


# --- flow over the period: receipts and registrations --------------------------------------------------


def received_in_period(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
    return _filings(court_id).filter(within("received_at", choice.period)).order_by("received_at", "pk")


def registered(**extra):
    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
        return (
            _filings(court_id)
            .filter(within("registered_at", choice.period), **extra)
            .order_by("registered_at", "pk")
        )

    return rows


REGISTERED_COLUMNS = [Column("立案时间", lambda row: row["registered_at"])]

# Flow figures are maintained aggregates (courthall.daily_counts): a filing's receipt, registration or
# refusal never moves to another day, so a day is settled once it is over (settles_after=0).
RECEIVED = _filing_figure(
    "received", "收件", "登记立案规定第二条", received_in_period, day_field="received_at", settles_after=0
)
REGISTERED = _filing_figure(
    "registered",
    "立案",
    "登记立案规定第二条、第八条",
    registered(),
    columns=REGISTERED_COLUMNS,
    values=("registered_at",),
    day_field="registered_at",
    settles_after=0,
)
REGISTERED_ON_SPOT = _filing_figure(
    "registered_on_spot",
    "当场立案",
    "登记立案规定第二条（符合条件的，当场登记立案）",
    registered(registered_on_spot=True),
    columns=REGISTERED_COLUMNS,
    values=("registered_at",),
    day_field="registered_at",
    settles_after=0,
)
REGISTERED_FIRST = _filing_figure(
    "registered_first",
    "期限届满先行立案",
    "登记立案规定第八条",
    registered(registered_first=True),
    columns=[*REGISTERED_COLUMNS, Column("审查期限届满日", lambda row: row["decision_due_on"])],
    values=("registered_at", "decision_due_on"),
    day_field="registered_at",
    settles_after=0,
)


def refusals(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
    """登记立案规定 art. 9: refusals (不予受理裁定) decided in the period, with their reasons."""
    return (
        _filings(court_id)
        .filter(within("decided_at", choice.period), state=FilingState.REFUSED)
        .order_by("decided_at", "pk")
    )


REFUSALS = _filing_figure(
    "refusals",
    "不予受理",
    "登记立案规定第九条（不予受理应出具裁定并载明理由）",
    refusals,
    columns=[
        Column("裁定时间", lambda row: row["decided_at"]),
        Column("处理人", lambda row: row["decided_by__full_name"]),
        Column("不予受理理由", lambda row: row["refusal_reasons"]),
        Column("法律依据", lambda row: row["refusal_basis"]),
    ],
    values=("decided_at", "decided_by__full_name", "refusal_reasons", "refusal_basis"),
    day_field="decided_at",
    settles_after=0,
)
