"""The payment limit of a registered filing and the ruling when the fee is unpaid at it.

诉讼费用交纳办法 art. 22 (and 登记立案规定 art. 11): the acceptance fee is prepaid within 7 days from the day
after the fee notice is received; unpaid, and no relief applied for, the case is treated as withdrawn
(按撤诉处理). Nothing is withdrawn by the clock: the limit puts the filing on the clerk's list
(filing.selectors.payment_limit.unpaid_at_limit) and the clerk rules — a written ruling — or keeps the case
with a recorded reason.

When the limit starts (decided here; DOMAIN §4 counts the days):
- the fee notice of a counter filing is handed over at registration: served then;
- an online filing's documents are served when the portal owner first opens them (notices.Delivery
  .served_at, 电子送达). notices knows nothing of filings, so the filing side reads the delivery:
  `payment_limit_sync` stores the limit the first time it finds the document served. The filer's own
  document view calls it right after opening, and the clerk's list syncs its court before it is read, so
  an opening from the inbox is picked up too. The stored date is what the list orders and filters by;
- a relief application pauses the limit while pending (the list leaves such filings out); the decision
  starts it again (filing.services.relief): a refusal or a reduction, 7 days from the day after that
  decision is served (art. 22 by analogy: the party learns only then what to pay); a deferral, the day it
  grants; a waiver ends it (nothing is due).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courthall import deadlines
from filing.models import Filing, KeepReason, PartyRole, PaymentLimit, ReliefState
from filing.permissions import can_rule_on_unpaid_fee
from filing.selectors.fees import fee_balance
from filing.services.filings import _event, _issue, _locked, _require, _save_transition
from filing.snapshots import _common, _party_details
from notices.models import Delivery, Notice, NoticeKind

PAYMENT_DAYS = 7  # 诉讼费用交纳办法 art. 22: 自接到通知次日起七日内

# 民事诉讼法 art. 157(1)(11) (the ruling's scope); 民诉法解释 art. 213 (通知后仍不预交 … 裁定按撤诉处理).
WITHDRAWN_BASIS = (
    "《中华人民共和国民事诉讼法》第一百五十七条第一款第十一项，"
    "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百一十三条，《诉讼费用交纳办法》第二十二条"
)

NO_LIMIT = "该案没有正在计算的交费期限（未通知预交、已免交，或通知尚未送达）。"
LIMIT_NOT_PASSED = "交费期限至{due}，尚未届满，不能按撤诉处理。"
FEE_PAID = "该案诉讼费已交清（应交 {due} 元，已交 {paid} 元），不能按撤诉处理。"
RELIEF_PENDING = "当事人的司法救助申请尚在审批中，交费期限暂停计算，不能按撤诉处理。"
ALREADY_KEPT = "该案已于{when}由{who}决定不按撤诉处理。"
NO_KEEP_REASON = "请选择不按撤诉处理的理由。"
NO_KEEP_NOTE = "选择“其他理由”的，须写明具体理由。"


def _served_limit(filing: Filing, limit: PaymentLimit, served_at: datetime) -> None:
    limit.served_at = served_at
    limit.due_on = deadlines.statutory_deadline(timezone.localdate(served_at), PAYMENT_DAYS)


def payment_limit_start(filing: Filing, *, user, notice: Notice) -> PaymentLimit:
    """`notice` (the fee notice, or a relief decision that leaves money to pay) starts the limit again.

    Call inside the transaction that issues `notice`. A counter filing's document is handed over now, so
    the limit runs at once; an online one's waits for the owner's opening (payment_limit_sync).
    """
    limit = PaymentLimit.objects.filter(filing=filing).first() or PaymentLimit(filing=filing)
    limit.notice = notice
    limit.served_at = limit.due_on = None
    if filing.owner_id is None:
        _served_limit(filing, limit, notice.issued_at)
    limit._history_user = user
    limit.save()
    return limit


def payment_limit_fix(filing: Filing, *, user, due_on) -> PaymentLimit:
    """A limit set by a decision rather than by service: a deferral's day, or None after a waiver."""
    limit = PaymentLimit.objects.filter(filing=filing).first() or PaymentLimit(filing=filing)
    limit.notice, limit.served_at, limit.due_on = None, None, due_on
    limit._history_user = user
    limit.save()
    return limit


def _open_limits():
    return PaymentLimit.objects.filter(
        served_at__isnull=True, notice__isnull=False, filing__owner__isnull=False, filing__state="registered"
    )


@transaction.atomic
def payment_limit_sync(*, filing: Filing) -> PaymentLimit | None:
    """Store the limit of an online filing whose document the owner has opened since. Idempotent; the
    timeline says when the document was served and until when to pay."""
    limit = (
        (_open_limits().select_for_update(of=("self",)).select_related("notice", "filing__owner"))
        .filter(filing_id=filing.pk)
        .first()
    )
    if limit is None:
        return None
    served_at = (
        Delivery.objects.filter(notice_id=limit.notice_id, recipient_id=limit.filing.owner_id)
        .values_list("served_at", flat=True)
        .first()
    )
    if served_at is None:
        return limit
    _served_limit(limit.filing, limit, served_at)
    limit._history_user = limit.filing.owner
    limit.save()
    _event(
        limit.filing,
        limit.filing.owner,
        "payment_limit_started",
        f"{limit.notice.get_kind_display()} {limit.notice.number} 于"
        f"{timezone.localtime(served_at):%Y年%m月%d日 %H:%M} 电子送达（受送达人首次打开）；"
        f"交费期限至 {limit.due_on:%Y年%m月%d日}（诉讼费用交纳办法第二十二条）",
        due_on=limit.due_on.isoformat(),
    )
    return limit


def payment_limits_sync(*, court) -> int:
    """payment_limit_sync for every online filing of `court` whose document was opened since; the count."""
    served = Delivery.objects.filter(served_at__isnull=False)
    filing_ids = list(
        _open_limits()
        .filter(filing__court=court, notice__deliveries__in=served)
        .values_list("filing_id", flat=True)
    )
    for filing_id in filing_ids:
        payment_limit_sync(filing=Filing(pk=filing_id))
    return len(filing_ids)


def _check_unpaid_at_limit(filing: Filing, limit: PaymentLimit | None, today) -> None:
    """What must hold for a ruling on the unpaid fee, each failure its own message."""
    if limit is not None and limit.kept_at is not None:
        raise ValidationError(
            ALREADY_KEPT.format(
                when=f"{timezone.localtime(limit.kept_at):%Y年%m月%d日}", who=limit.kept_by.get_full_name()
            )
        )
    if filing.fee_reliefs.filter(state=ReliefState.APPLIED).exists():
        raise ValidationError(RELIEF_PENDING)
    if limit is None or limit.due_on is None:
        raise ValidationError(NO_LIMIT)
    if today <= limit.due_on:
        raise ValidationError(LIMIT_NOT_PASSED.format(due=f"{limit.due_on:%Y年%m月%d日}"))


def _locked_limit(filing: Filing) -> PaymentLimit | None:
    return (
        PaymentLimit.objects.select_for_update(of=("self",))
        .filter(filing=filing)
        .select_related("kept_by", "notice")
        .first()
    )


def _parties(filing: Filing, role: str) -> list[dict]:
    return [
        {"name": party.name, "details": _party_details(party)}
        for party in filing.parties.all()
        if party.role == role
    ]


STARTED_BY = {
    NoticeKind.FEE: "fee_notice",
    NoticeKind.RELIEF_REFUSAL: "relief_refusal",
    NoticeKind.RELIEF_GRANT: "relief_reduction",
}


def treated_withdrawn_snapshot(filing: Filing, limit: PaymentLimit, user, *, fee) -> dict:
    if limit.notice is not None:
        started_by, served_at = STARTED_BY[limit.notice.kind], limit.served_at
    else:  # a deferral: the limit is the day granted (filing.services.relief)
        deferral = filing.fee_reliefs.filter(state=ReliefState.GRANTED).order_by("-decided_at").first()
        started_by, served_at = "relief_deferral", deferral.decided_at
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "plaintiffs": _parties(filing, PartyRole.PLAINTIFF),
        "defendants": _parties(filing, PartyRole.DEFENDANT),
        "cause": filing.cause_name,
        "registered_on": timezone.localdate(filing.registered_at).isoformat(),
        "started_by": started_by,
        "served_on": timezone.localdate(served_at).isoformat(),
        "due_on": limit.due_on.isoformat(),
        "fee": f"{fee:.2f}",
        "legal_basis": WITHDRAWN_BASIS,
        "judge": user.get_full_name(),
    }


@transaction.atomic
def filing_treat_as_withdrawn(*, filing: Filing, user) -> Filing:
    """Rule the case withdrawn for the fee unpaid at the limit (诉讼费用交纳办法 art. 22; 民诉法解释
    art. 213) and issue the ruling (民事裁定书（按撤诉处理）), served like the filing's other documents."""
    filing = _locked(filing)
    _require(can_rule_on_unpaid_fee(filing, user))
    payment_limit_sync(filing=filing)
    limit = _locked_limit(filing)
    _check_unpaid_at_limit(filing, limit, timezone.localdate())
    balance = fee_balance(filing)
    if balance.balance <= 0:
        raise ValidationError(FEE_PAID.format(due=f"{balance.due:.2f}", paid=f"{balance.paid:.2f}"))
    filing.treat_as_withdrawn()
    _save_transition(filing, user)
    notice = _issue(
        filing,
        user,
        NoticeKind.TREATED_WITHDRAWN,
        treated_withdrawn_snapshot(filing, limit, user, fee=balance.balance),
    )
    _event(
        filing,
        user,
        "treated_as_withdrawn",
        f"交费期限（{limit.due_on:%Y年%m月%d日}）届满未交纳诉讼费 {balance.balance:.2f} 元，"
        f"裁定按撤诉处理，出具 {notice.number}",
        notice=notice.pk,
    )
    return filing


@transaction.atomic
def payment_limit_keep(*, filing: Filing, user, reason: str, note: str = "") -> PaymentLimit:
    """Decide not to treat the case as withdrawn although the limit passed, with the reason on record
    (the fee came in meanwhile, relief was granted, or another reason written out). The filing leaves the
    list; the decision is in the timeline and the limit's history."""
    filing = _locked(filing)
    _require(can_rule_on_unpaid_fee(filing, user))
    if reason not in KeepReason.values:
        raise ValidationError(NO_KEEP_REASON)
    if reason == KeepReason.OTHER and not note.strip():
        raise ValidationError(NO_KEEP_NOTE)
    limit = _locked_limit(filing)
    if limit is not None and limit.kept_at is not None:
        _check_unpaid_at_limit(filing, limit, timezone.localdate())
    if limit is None or limit.due_on is None:
        raise ValidationError(NO_LIMIT)
    limit.kept_at, limit.kept_by = timezone.now(), user
    limit.kept_reason, limit.kept_note = reason, note.strip()
    limit._history_user = user
    limit.save()
    _event(
        filing,
        user,
        "payment_limit_kept",
        f"交费期限（{limit.due_on:%Y年%m月%d日}）已过，决定不按撤诉处理：{KeepReason(reason).label}"
        + (f"。{limit.kept_note}" if limit.kept_note else ""),
        reason=reason,
    )
    return limit
