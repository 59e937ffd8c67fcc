"""Flow figures of the filing panel over the chosen period, beyond receipts and registrations
(filing.selectors.overview): correction notices, second notices, late assignments, unpaid fees.

Correction notices are counted by the day they were issued (CorrectionRequest.issued_at), and their fate
read from the models (登记立案规定 art. 7):
- corrected (已补正): a correction round of the filing arrived after the notice, on or before its deadline;
- lapsed (逾期未补正): the deadline has passed without such a round — whether or not the clerk has since
  recorded the return (state RETURNED), and also when the corrections came only after the deadline.
A notice neither corrected nor lapsed is still within its period.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate

from courthall.exports import Column
from courthall.supervision import Period, PeriodChoice, day_start, within
from filing.models import (
    Assignment,
    CorrectionItem,
    CorrectionRequest,
    Filing,
    FilingState,
    RoundKind,
    SubmissionRound,
)
from filing.selectors.figures import Figure, filing_link, register
from filing.selectors.overview import _filing_figure
from filing.selectors.payment_limit import with_balance
from notices.models import Notice, NoticeKind


def _number(row: dict) -> str:
    return row["filing__case_number"] or f"收件 {row['filing_id']}"


# --- correction notices (补正材料通知书) ------------------------------------------------------------------


def answered_in_time() -> Exists:
    """A correction round of the request's filing received after it was issued, by its deadline."""
    return Exists(
        SubmissionRound.objects.annotate(received_on=TruncDate("received_at")).filter(
            filing_id=OuterRef("filing_id"),
            kind=RoundKind.CORRECTION,
            received_at__gte=OuterRef("issued_at"),
            received_on__lte=OuterRef("deadline_on"),
        )
    )


def has_second_notice() -> Exists:
    return Exists(CorrectionItem.objects.filter(request_id=OuterRef("pk"), second_notice=True))


def correction_requests(court_id: int, period: Period) -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.filter(within("issued_at", period), filing__court_id=court_id).annotate(
        corrected=answered_in_time(), second=has_second_notice()
    )


def corrections(fate: str):
    def rows(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[CorrectionRequest]:
        requests = correction_requests(court_id, choice.period)
        if fate == "corrected":
            requests = requests.filter(corrected=True)
        elif fate == "lapsed":
            requests = requests.filter(corrected=False, deadline_on__lt=today)
        elif fate == "second":
            requests = requests.filter(second=True)
        return requests.order_by("issued_at", "pk")

    return rows


CORRECTION_VALUES = (
    "filing_id",
    "filing__case_number",
    "issued_at",
    "issued_by__full_name",
    "deadline_on",
    "follow_up",
    "corrected",
    "second",
)
CORRECTION_COLUMNS = [
    Column("案号或收件号", _number),
    Column("告知时间", lambda row: row["issued_at"]),
    Column("告知人", lambda row: row["issued_by__full_name"]),
    Column("补正期限", lambda row: row["deadline_on"]),
    Column("补正后再次告知", lambda row: row["follow_up"]),
    Column("按期补正", lambda row: row["corrected"]),
    Column("含二次告知事项", lambda row: row["second"]),
]


# Whether a notice was corrected in time or lapsed is known once its deadline has passed: the correction
# period, moved to the next working day when it ends on a holiday (National Day: up to 9 days more).
CORRECTION_SETTLES_AFTER = settings.COURTHALL_CORRECTION_DAYS + 9


def _correction_figure(key: str, title: str, fate: str) -> Figure:
    return register(
        Figure(
            key=key,
            title=title,
            source="登记立案规定第七条（一次性书面告知补正内容和期限）",
            rows=corrections(fate),
            columns=CORRECTION_COLUMNS,
            values=CORRECTION_VALUES,
            link=filing_link("filing_id"),
            day_field="issued_at",
            settles_after=CORRECTION_SETTLES_AFTER if fate in ("corrected", "lapsed") else 0,
        )
    )


CORRECTIONS_ISSUED = _correction_figure("corrections_issued", "出具补正通知", "issued")
CORRECTIONS_CORRECTED = _correction_figure("corrections_corrected", "补正通知：按期补正", "corrected")
CORRECTIONS_LAPSED = _correction_figure("corrections_lapsed", "补正通知：逾期未补正", "lapsed")
CORRECTIONS_WITH_SECOND = _correction_figure("corrections_with_second", "补正通知含二次告知", "second")


def second_notices(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[CorrectionItem]:
    """舞钢规范第六条 一次性全面告知: items about material already handed in at the first notice, each
    standing only with a supervisor's written approval — who approved, and why."""
    return (
        CorrectionItem.objects.filter(
            within("request__issued_at", choice.period),
            request__filing__court_id=court_id,
            second_notice=True,
            approved_by__isnull=False,
        )
        .annotate(filing_id=F("request__filing_id"))
        .order_by("request__issued_at", "pk")
    )


SECOND_NOTICES = register(
    Figure(
        key="second_notices",
        title="经批准的二次告知",
        source="舞钢规范第六条（一次性全面告知）",
        rows=second_notices,
        columns=[
            Column(
                "案号或收件号", lambda row: row["request__filing__case_number"] or f"收件 {row['filing_id']}"
            ),
            Column("告知时间", lambda row: row["request__issued_at"]),
            Column("告知人", lambda row: row["request__issued_by__full_name"]),
            Column("材料", lambda row: row["material"]),
            Column("存在的问题", lambda row: row["problem"]),
            Column("批准人", lambda row: row["approved_by__full_name"]),
            Column("批准理由", lambda row: row["approval_reason"]),
        ],
        values=(
            "filing_id",
            "request__filing__case_number",
            "request__issued_at",
            "request__issued_by__full_name",
            "material",
            "problem",
            "approved_by__full_name",
            "approval_reason",
        ),
        link=filing_link("filing_id"),
        day_field="request__issued_at",
        settles_after=0,
    )
)

# --- assignments not made the same day (舞钢规范第七条 当天分案) -------------------------------------------


def late_assignments(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
    """Registered in the period and first assigned on a later day — or not yet assigned although the day
    of registration is over. The first Assignment counts: a later reassignment (改分) moves assigned_at."""
    first_at = Assignment.objects.filter(filing_id=OuterRef("pk")).order_by("at", "pk").values("at")[:1]
    return (
        Filing.objects.filter(within("registered_at", choice.period), court_id=court_id)
        .annotate(first_assigned_at=Subquery(first_at))
        .annotate(first_assigned_on=TruncDate("first_assigned_at"), registered_on=TruncDate("registered_at"))
        .filter(
            Q(first_assigned_on__gt=F("registered_on"))
            | Q(first_assigned_at__isnull=True, registered_at__lt=day_start(today))
        )
        .order_by("registered_at", "pk")
    )


LATE_ASSIGNMENTS = _filing_figure(
    "late_assignments",
    "未当天分案",
    "舞钢规范第七条（当天立案、当天分案）",
    late_assignments,
    columns=[
        Column("立案时间", lambda row: row["registered_at"]),
        Column("首次分案时间", lambda row: row["first_assigned_at"]),
        Column("未能分案的原因", lambda row: row["unassigned_reason"]),
    ],
    values=("registered_at", "first_assigned_at", "unassigned_reason"),
    # Late or not is decided when the day of registration ends.
    day_field="registered_at",
    settles_after=0,
)


# --- fees unpaid at the limit (诉讼费用交纳办法 art. 22) ----------------------------------------------------


def unpaid_at_limit_in_period(*, court_id: int, choice: PeriodChoice, today: date) -> QuerySet[Filing]:
    """Payment limits that ended in the period (and before today) with the fee unpaid: the definition of
    filing.selectors.payment_limit.unpaid_at_limit (money still due, no relief pending, no decision to keep
    the case) — plus those already treated as withdrawn for it."""
    last_on = min(choice.period.end_on, today - timedelta(days=1))
    return (
        with_balance(
            Filing.objects.filter(
                court_id=court_id,
                payment_limit__due_on__gte=choice.period.start_on,
                payment_limit__due_on__lte=last_on,
                state__in=(FilingState.REGISTERED, FilingState.TREATED_AS_WITHDRAWN),
            )
        )
        .filter(
            Q(state=FilingState.TREATED_AS_WITHDRAWN)
            | Q(balance__gt=0, relief_pending=False, payment_limit__kept_at__isnull=True)
        )
        .order_by("payment_limit__due_on", "pk")
    )


UNPAID_AT_LIMIT = _filing_figure(
    "unpaid_at_limit",
    "交费期限届满未交费",
    "诉讼费用交纳办法第二十二条、登记立案规定第十一条",
    unpaid_at_limit_in_period,
    columns=[
        Column("交费期限届满日", lambda row: row["payment_limit__due_on"]),
        Column("预交诉讼费（元）", lambda row: row["fee_total"]),
        Column("未交金额（元）", lambda row: row["balance"]),
    ],
    values=("payment_limit__due_on", "fee_total", "balance"),
    # After the limit the clerk decides within days (按撤诉处理, or keep the case; a late payment or relief
    # takes it off the list too): ten days on, a limit's day is frozen as it then stood.
    day_field=F("payment_limit__due_on"),
    settles_after=10,
)


# --- receipts for every submission (登记立案规定 art. 2) ----------------------------------------------------


def rounds_in_period(court_id: int, period: Period) -> QuerySet[SubmissionRound]:
    """Each round of materials received in the period, with the number of its 材料收据 ("" if none): the
    receipt is the filing's RECEIPT notice whose snapshot names the round (filing.services.filings)."""
    receipt = (
        Notice.objects.annotate(round_number=Cast(KeyTextTransform("round", "snapshot"), IntegerField()))
        .filter(
            subject=Concat(Value("filing:"), Cast(OuterRef("filing_id"), CharField())),
            kind=NoticeKind.RECEIPT,
            round_number=OuterRef("number"),
        )
        .order_by("pk")
        .values("number")[:1]
    )
    return (
        SubmissionRound.objects.filter(within("received_at", period), filing__court_id=court_id)
        .annotate(receipt_number=Coalesce(Subquery(receipt), Value("")))
        .order_by("received_at", "pk")
    )
