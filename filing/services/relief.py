"""Fee relief (司法救助): a party's application, and a supervisor's decision in writing.

《诉讼费用交纳办法》: art. 44 (relief for a party who truly cannot pay; 免交 only for natural persons),
arts. 45–47 (the grounds of 免交, 减交, 缓交), art. 46 (a reduction of at least 30 %), art. 48 (applied for
when suing, with proof; a refusal explained in writing). A pending application pauses the payment limit;
the decision starts it again (filing.services.payment_limit explains how).

A grant changes what the filing owes: Filing.fee_total becomes what is left to pay (0 after a waiver; the
fee × (1 − p) after a reduction, to the fen), so filing.selectors.fees.fee_balance and every screen read
the reduced amount. The relief row keeps the amount before and after.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courthall.validators import validate_no_markup
from filing.models import FeeRelief, Filing, PartyKind, PaymentLimit, ReliefKind, ReliefState
from filing.models.relief import MIN_REDUCTION_PERCENT, ground_citation, grounds_for
from filing.permissions import can_apply_relief, can_decide_relief
from filing.selectors.fees import fee_balance
from filing.services.filings import _event, _issue, _locked, _require, _save_transition
from filing.services.payment_limit import payment_limit_fix, payment_limit_start
from filing.snapshots import _common, _matter
from notices.models import NoticeKind

CENT = Decimal("0.01")

UNKNOWN_KIND = "请选择申请缓交、减交还是免交。"
GROUND_NOT_FOR_KIND = "所选理由不是《诉讼费用交纳办法》第{article}条规定的{kind}情形，请重新选择。"
NOT_A_PARTY = "申请人须是本案的当事人。"
WAIVER_PERSONS_ONLY = (
    "诉讼费用的免交只适用于自然人（《诉讼费用交纳办法》第四十四条）；{name}不是自然人，可以申请减交或者缓交。"
)
NO_STATEMENT = "请写明经济困难的情况（《诉讼费用交纳办法》第四十八条）。"
NO_PROOF = "请列明足以证明确有经济困难的证明材料（《诉讼费用交纳办法》第四十八条）。"
ALREADY_PENDING = "该案已有一份司法救助申请正在审批，请待审批后再申请。"
NOTHING_TO_PAY = "该案目前没有需要交纳的诉讼费用，无需申请司法救助。"
TOO_LATE = "交费期限已于{due}届满，不能再申请司法救助；是否按撤诉处理由立案庭决定。"
REDUCTION_REQUIRED = "准予减交的，请填写减交比例。"
REDUCTION_NOT_A_NUMBER = "减交比例须为数字，如 30 或 50。"
REDUCTION_TOO_LOW = "减交比例不得低于30%（《诉讼费用交纳办法》第四十六条）。"
REDUCTION_TOO_HIGH = "减交比例须低于100%；全部不交的是免交，只适用于自然人（第四十四条）。"
DEFERRAL_DATE_REQUIRED = "准予缓交的，请填写缓交至哪一天。"
DEFERRAL_DATE_PAST = "缓交日期须在今天之后。"
NO_REFUSAL_REASONS = "不予批准的，须写明理由（《诉讼费用交纳办法》第四十八条）。"


@dataclass(frozen=True)
class ReliefInput:
    applicant_id: int
    kind: str
    ground: str
    statement: str
    proof: str
    proof_file: object = None  # an UploadedFile (the portal), stored through the storage API


@transaction.atomic
def relief_apply(*, filing: Filing, user, data: ReliefInput) -> FeeRelief:
    """Record an application for fee relief (at the counter or by the filer through the portal). Every
    problem is reported at once; nothing is saved unless all is well."""
    filing = _locked(filing)
    _require(can_apply_relief(filing, user))
    errors = []
    applicant = filing.parties.filter(pk=data.applicant_id).first()
    if applicant is None:
        errors.append(NOT_A_PARTY)
    if data.kind not in ReliefKind.values:
        errors.append(UNKNOWN_KIND)
    elif data.ground not in dict(grounds_for(data.kind)):
        kind = ReliefKind(data.kind)
        article = {"waive": "四十五", "reduce": "四十六", "defer": "四十七"}[kind]
        errors.append(GROUND_NOT_FOR_KIND.format(article=article, kind=kind.label))
    # 诉讼费用交纳办法 art. 44: 诉讼费用的免交只适用于自然人.
    if data.kind == ReliefKind.WAIVE and applicant is not None and applicant.kind != PartyKind.PERSON:
        errors.append(WAIVER_PERSONS_ONLY.format(name=applicant.name))
    if not data.statement.strip():
        errors.append(NO_STATEMENT)
    if not data.proof.strip():
        errors.append(NO_PROOF)
    for label, value in (("经济困难情况说明", data.statement), ("证明材料", data.proof)):
        try:
            validate_no_markup(value, label)
        except ValidationError as error:
            errors.extend(error.messages)
    if filing.fee_reliefs.filter(state=ReliefState.APPLIED).exists():
        errors.append(ALREADY_PENDING)
    if filing.state == "registered":
        limit = PaymentLimit.objects.filter(filing=filing).first()
        if fee_balance(filing).balance <= 0:
            errors.append(NOTHING_TO_PAY)
        # The fee notice: 逾期未交纳，又未申请缓交、减交或者免交的，按撤诉处理 — apply within the limit.
        elif limit is not None and limit.due_on is not None and timezone.localdate() > limit.due_on:
            errors.append(TOO_LATE.format(due=f"{limit.due_on:%Y年%m月%d日}"))
    if errors:
        raise ValidationError(errors)
    relief = FeeRelief(
        filing=filing,
        applicant=applicant,
        kind=data.kind,
        ground=data.ground,
        statement=data.statement.strip(),
        proof=data.proof.strip(),
        applied_at=timezone.now(),
        applied_by=user,
    )
    if data.proof_file is not None:
        relief.proof_file.save(data.proof_file.name, data.proof_file, save=False)
    relief._history_user = user
    relief.full_clean(exclude=["state", "proof_file"])
    relief.save()
    _event(
        filing,
        user,
        "relief_applied",
        f"{applicant.name}申请{relief.get_kind_display()}诉讼费用（{relief.ground_citation}）；"
        "审批期间交费期限暂停计算",
        relief=relief.pk,
    )
    return relief


def _locked_relief(relief: FeeRelief) -> tuple[Filing, FeeRelief]:
    filing = _locked(relief.filing)
    relief = FeeRelief.objects.select_for_update().select_related("applicant").get(pk=relief.pk)
    relief.filing = filing
    return filing, relief


def _percentage(value) -> Decimal:
    if value in (None, ""):
        raise ValidationError(REDUCTION_REQUIRED)
    try:
        percentage = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        raise ValidationError(REDUCTION_NOT_A_NUMBER) from None
    if not percentage.is_finite():
        raise ValidationError(REDUCTION_NOT_A_NUMBER)
    # 诉讼费用交纳办法 art. 46: 减交比例不得低于30%.
    if percentage < MIN_REDUCTION_PERCENT:
        raise ValidationError(REDUCTION_TOO_LOW)
    if percentage >= 100:
        raise ValidationError(REDUCTION_TOO_HIGH)
    return percentage.quantize(CENT)


def _percent(value: Decimal) -> str:
    """33.33 → "33.33", 30.00 → "30"."""
    return f"{value.normalize():f}"


def reduced_fee(fee: Decimal, percentage: Decimal) -> Decimal:
    """fee × (1 − p/100), to the fen (the Measures fix no rounding: half up, like filing.fees)."""
    return (fee * (100 - percentage) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _decision_snapshot(filing: Filing, relief: FeeRelief, user) -> dict:
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "applicant": relief.applicant.name,
        "matter": _matter(filing),
        "applied_on": timezone.localdate(relief.applied_at).isoformat(),
        "relief": relief.get_kind_display(),
    }


@transaction.atomic
def relief_grant(*, relief: FeeRelief, user, percentage=None, deferred_to: date | None = None) -> FeeRelief:
    """Grant the relief applied for: a waiver (免交), a reduction by `percentage` (减交, ≥ 30 %) or a
    deferral to `deferred_to` (缓交); issue the 司法救助决定书 and restart the payment limit."""
    filing, relief = _locked_relief(relief)
    _require(can_decide_relief(relief, user))
    fee_before = filing.fee_total or Decimal("0.00")
    fee_after = fee_before
    if relief.kind == ReliefKind.WAIVE:
        # Checked again: the applicant's kind may have been corrected since the application.
        if relief.applicant.kind != PartyKind.PERSON:
            raise ValidationError(WAIVER_PERSONS_ONLY.format(name=relief.applicant.name))
        fee_after = Decimal("0.00")
    elif relief.kind == ReliefKind.REDUCE:
        relief.percentage = _percentage(percentage)
        fee_after = reduced_fee(fee_before, relief.percentage)
    else:
        if deferred_to is None:
            raise ValidationError(DEFERRAL_DATE_REQUIRED)
        if deferred_to <= timezone.localdate():
            raise ValidationError(DEFERRAL_DATE_PAST)
        relief.deferred_to = deferred_to
    relief.fee_before, relief.fee_after = fee_before, fee_after
    relief.decided_at, relief.decided_by = timezone.now(), user
    relief.grant()
    if fee_after != fee_before:
        filing.fee_total = fee_after
        _save_transition(filing, user)
    notice = _issue(
        filing,
        user,
        NoticeKind.RELIEF_GRANT,
        {
            **_decision_snapshot(filing, relief, user),
            "ground": ground_citation(relief.ground).removeprefix("《诉讼费用交纳办法》"),
            "fee_before": f"{fee_before:.2f}",
            "fee_after": f"{fee_after:.2f}",
            "percentage": _percent(relief.percentage) if relief.percentage is not None else None,
            "deferred_to": relief.deferred_to.isoformat() if relief.deferred_to else None,
            "judge": user.get_full_name(),
        },
        addressee=relief.applicant.name,
    )
    relief.notice = notice
    relief._history_user = user
    relief.save()
    if relief.kind == ReliefKind.WAIVE:
        payment_limit_fix(filing, user=user, due_on=None)
        limit_text = "无需交纳"
    elif relief.kind == ReliefKind.DEFER:
        payment_limit_fix(filing, user=user, due_on=relief.deferred_to)
        limit_text = f"交费期限至 {relief.deferred_to:%Y年%m月%d日}"
    else:
        limit = payment_limit_start(filing, user=user, notice=notice)
        limit_text = (
            f"交费期限至 {limit.due_on:%Y年%m月%d日}" if limit.due_on else "交费期限自决定书送达次日起七日"
        )
    name = relief.applicant.name
    if relief.kind == ReliefKind.WAIVE:
        summary = f"准予{name}免交诉讼费用 {fee_before:.2f} 元"
    elif relief.kind == ReliefKind.REDUCE:
        summary = (
            f"准予{name}减交 {_percent(relief.percentage)}%，"
            f"应交由 {fee_before:.2f} 元减为 {fee_after:.2f} 元"
        )
    else:
        summary = f"准予{name}缓交诉讼费用 {fee_before:.2f} 元"
    _event(filing, user, "relief_granted", f"{summary}；{limit_text}；出具 {notice.number}", notice=notice.pk)
    return relief


@transaction.atomic
def relief_refuse(*, relief: FeeRelief, user, reasons: str) -> FeeRelief:
    """Refuse the relief, with the reasons in writing (art. 48): the 不予司法救助通知书; the fee is then due
    within 7 days from the day after it is served."""
    filing, relief = _locked_relief(relief)
    _require(can_decide_relief(relief, user))
    if not reasons.strip():
        raise ValidationError(NO_REFUSAL_REASONS)
    validate_no_markup(reasons, "不予批准理由")
    relief.refusal_reasons = reasons.strip()
    relief.fee_before = relief.fee_after = filing.fee_total
    relief.decided_at, relief.decided_by = timezone.now(), user
    relief.refuse()
    notice = _issue(
        filing,
        user,
        NoticeKind.RELIEF_REFUSAL,
        {
            **_decision_snapshot(filing, relief, user),
            "reasons": relief.refusal_reasons,
            "fee": f"{fee_balance(filing).balance:.2f}",
        },
        addressee=relief.applicant.name,
    )
    relief.notice = notice
    relief._history_user = user
    relief.save()
    limit = payment_limit_start(filing, user=user, notice=notice)
    limit_text = (
        f"交费期限至 {limit.due_on:%Y年%m月%d日}" if limit.due_on else "交费期限自通知书送达次日起七日"
    )
    _event(
        filing,
        user,
        "relief_refused",
        f"不予批准{relief.applicant.name}的{relief.get_kind_display()}申请，出具 {notice.number}。"
        f"理由：{relief.refusal_reasons}；{limit_text}",
        notice=notice.pk,
    )
    return relief
