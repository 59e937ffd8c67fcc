"""The service commitments (服务承诺, 舞钢规范第九条) filing keeps, measured from the panel's own figures.

Each commitment is two registered figures over a period — the matters it applied to (total) and those
not handled as promised (missed) — counted in one query; met = total − missed. The public page
(courthall.commitments) and the supervisors' panel call the same `measure`, so they show the same numbers,
and the public figure's list_url opens the total's list, each row saying whether it was met.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import DateTimeField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Least, TruncDate
from django.utils import timezone

from courthall.commitments import Achievement, Commitment
from courthall.exports import Column
from courthall.supervision import Period, PeriodChoice, default_bucket, local_at
from filing import clocks
from filing.models import Channel, CorrectionRequest, Filing
from filing.selectors import figures
from filing.selectors.figures import Figure, filing_link, register
from filing.selectors.overview import _filing_figure
from filing.selectors.overview_flow import CORRECTIONS_ISSUED, CORRECTIONS_WITH_SECOND, rounds_in_period

# --- (1) 材料收据: a receipt for every submission (登记立案规定 art. 2; 舞钢规范第五条) ---


def receipt_rounds(missing: bool):
    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet:
        rounds = rounds_in_period(court_id, choice.period)
        return rounds.filter(receipt_number="") if missing else rounds

    return rows


ROUND_COLUMNS = [
    Column("案号或收件号", lambda row: row["filing__case_number"] or f"收件 {row['filing_id']}"),
    Column("提交轮次", lambda row: f"第{row['number']}次"),
    Column("提交人", lambda row: row["submitter_name"]),
    Column("收到时间", lambda row: row["received_at"]),
    Column("材料收据编号", lambda row: row["receipt_number"] or "未出具"),
]
ROUND_VALUES = (
    "filing_id",
    "filing__case_number",
    "number",
    "submitter_name",
    "received_at",
    "receipt_number",
)


def _round_figure(key: str, title: str, missing: bool) -> Figure:
    return register(
        Figure(
            key=key,
            title=title,
            source="登记立案规定第二条、舞钢规范第五条（出具材料收据）",
            rows=receipt_rounds(missing),
            columns=ROUND_COLUMNS,
            values=ROUND_VALUES,
            link=filing_link("filing_id"),
            # The receipt is issued with the round; a day later the round's day is settled.
            day_field="received_at",
            settles_after=1 if missing else 0,
        )
    )


ROUNDS = _round_figure("receipt_rounds", "收到的材料（每次提交）", missing=False)
ROUNDS_WITHOUT_RECEIPT = _round_figure("receipt_missing", "收到材料未出具收据", missing=True)


# --- (2) 当天审核: online filings reviewed the day they count as received (舞钢规范第七条) ------------------


def _cutoff(day: date) -> datetime:
    return local_at(day, clocks.day_ends_at())


def online_reviews(missed: bool):
    """Online filings that count as received in the period (filing.clocks.counted_on: after the day's end
    hour, the next day) and whose review is due: reviewed already, or the same-day date has passed.
    The review is the first decision on it: a correction notice, a mediation, or the decision itself
    (decided_at, which a later decision overwrites — hence the earliest of the three)."""

    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
        period = choice.period
        first_notice = (
            CorrectionRequest.objects.filter(filing_id=OuterRef("pk"))
            .order_by("issued_at")
            .values("issued_at")
        )
        filings = (
            Filing.objects.filter(
                court_id=court_id,
                channel=Channel.ONLINE,
                # counted_on(received_at) in the period ⇔ received in [start − 1 day at the end hour,
                # end at the end hour): a range on the (court, received_at) index.
                received_at__gte=_cutoff(period.start_on - timedelta(days=1)),
                received_at__lt=_cutoff(period.end_on),
            )
            .annotate(
                reviewed_at=Least(F("decided_at"), Subquery(first_notice[:1]), F("mediation__started_at"))
            )
            .annotate(reviewed_on=TruncDate("reviewed_at"))
            .filter(Q(reviewed_at__isnull=False) | Q(online_review_due_on__lt=today))
        )
        if missed:
            filings = filings.filter(
                Q(reviewed_on__gt=F("online_review_due_on")) | Q(reviewed_at__isnull=True)
            )
        return filings.order_by("received_at", "pk")

    return rows


REVIEW_COLUMNS = [
    Column("当日审核日", lambda row: row["online_review_due_on"]),
    Column("审核时间", lambda row: row["reviewed_at"]),
    Column(
        "当日审核",
        lambda row: row["reviewed_on"] is not None and row["reviewed_on"] <= row["online_review_due_on"],
    ),
]
REVIEW_VALUES = ("online_review_due_on", "reviewed_at", "reviewed_on")


# The day a filing counts as received (filing.clocks.counted_on) as SQL: after the day's end hour, the
# next day — the court's local date of received_at moved forward by the hours left after the end hour.
def counted_on() -> TruncDate:
    """The day a filing counts as received (filing.clocks.counted_on) as SQL: the court's local date of
    received_at moved forward by the hours left after the day's end hour (17:00 → +7 h)."""
    end = clocks.day_ends_at()
    shift = timedelta(days=1) - timedelta(hours=end.hour, minutes=end.minute)
    return TruncDate(ExpressionWrapper(F("received_at") + Value(shift), output_field=DateTimeField()))


# Reviewed or not is known once the same-day date has passed, the day counted or the next working day:
# at most 9 days later (National Day with its make-up Saturday).
REVIEW_SETTLES_AFTER = 9
ONLINE_REVIEWS = _filing_figure(
    "online_reviews_due",
    "网上立案应审核",
    "舞钢规范第七条（当天审核）",
    online_reviews(missed=False),
    columns=REVIEW_COLUMNS,
    values=REVIEW_VALUES,
    day_field=counted_on,
    settles_after=REVIEW_SETTLES_AFTER,
)
ONLINE_REVIEWS_LATE = _filing_figure(
    "online_reviews_late",
    "网上立案未当天审核",
    "舞钢规范第七条（当天审核）",
    online_reviews(missed=True),
    columns=REVIEW_COLUMNS,
    values=REVIEW_VALUES,
    day_field=counted_on,
    settles_after=REVIEW_SETTLES_AFTER,
)


# --- the commitments -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """How a commitment is measured: its total figure and its missed figure."""

    total: Figure
    missed: Figure


MEASURED = {
    "filing.receipts": Measured(ROUNDS, ROUNDS_WITHOUT_RECEIPT),
    "filing.same_day_review": Measured(ONLINE_REVIEWS, ONLINE_REVIEWS_LATE),
    "filing.one_complete_notice": Measured(CORRECTIONS_ISSUED, CORRECTIONS_WITH_SECOND),
}


def period_only(period: Period) -> PeriodChoice:
    return PeriodChoice(period, "none", default_bucket(period))


def achievement(key: str, counts: dict[str, int], choice: PeriodChoice) -> Achievement:
    measured = MEASURED[key]
    total = counts[measured.total.key]
    return Achievement(
        met=total - counts[measured.missed.key],
        total=total,
        list_url=figures.list_url(measured.total.key, choice),
    )


def measuring_figures() -> list[Figure]:
    return [figure for measured in MEASURED.values() for figure in (measured.total, measured.missed)]


def measure_all(*, court_id: int, period: Period, today: date | None = None) -> dict[str, Achievement]:
    """Every filing commitment over `period`, in one query."""
    choice = period_only(period)
    asked = measuring_figures()
    values = figures.figure_counts(
        [(figure, choice) for figure in asked], court_id=court_id, today=today or timezone.localdate()
    )
    counts = {figure.key: value for figure, value in zip(asked, values, strict=True)}
    return {key: achievement(key, counts, choice) for key in MEASURED}


def _measure(key: str):
    def measure(*, court_id: int, period: Period) -> Achievement:
        choice = period_only(period)
        measured = MEASURED[key]
        total, missed = figures.figure_counts(
            [(measured.total, choice), (measured.missed, choice)],
            court_id=court_id,
            today=timezone.localdate(),
        )
        return Achievement(
            met=total - missed, total=total, list_url=figures.list_url(measured.total.key, choice)
        )

    return measure


COMMITMENTS = [
    Commitment(
        key="filing.receipts",
        order=10,
        title="收到材料，出具收据",
        promise="每一次提交的起诉材料，都当场出具注明收到日期的材料收据。",
        source="登记立案规定第二条、舞钢规范第五条",
        measure=_measure("filing.receipts"),
    ),
    Commitment(
        key="filing.same_day_review",
        order=20,
        title="网上立案，当天审核",
        promise="网上提交的立案申请，在收到当天（下班后提交的，次一工作日）完成审核。",
        source="舞钢规范第七条",
        measure=_measure("filing.same_day_review"),
    ),
    Commitment(
        key="filing.one_complete_notice",
        order=30,
        title="需要补正的，一次性全面告知",
        promise="材料需要补正的，一次性书面告知全部补正内容，不就已提交的材料再次告知。",
        source="登记立案规定第七条、舞钢规范第六条",
        measure=_measure("filing.one_complete_notice"),
    ),
]
