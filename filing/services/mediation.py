"""Pre-filing mediation (诉前调解): start, extend, and each outcome of a received filing's mediation.

民事诉讼法 art. 125 (先行调解): a civil dispute brought to court that suits mediation is mediated first,
unless a party refuses. So a received filing goes to mediation only with the filer's recorded consent; it
gets a 民诉前调 number, a mediator and a limit (settings.COURTHALL_MEDIATION_DAYS, calendar days), which only
the parties' consent extends. Outcomes:

- settled: the agreement is recorded and the filing closed (诉前调解成功结案); the parties may jointly
  apply for judicial confirmation (民事诉讼法 art. 205), received as a filing of its own;
- withdrawn by the filer;
- failed, or past the limit without an agreement (timed out): the filing goes straight to registration
  through filing_register, keeping its received date. 登记立案规定 art. 8's decision period does not run
  while the party has consented to mediation instead of a decision: it is suspended when the mediation
  starts and resumes, with the days it still had, when it ends; so the long mediation does not make the
  registration "late" (registered_first).

A timed-out mediation is never registered by a background task: it is listed as overdue (钢城承诺六: 严禁
无故超期诉前调解) until a clerk registers it with one click, and that click is in the timeline.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courthall import deadlines
from courthall.validators import validate_no_markup
from filing.models import (
    CaseType,
    ConsentMethod,
    Filing,
    Mediation,
    MediationConsent,
    MediationExtension,
    MediationOutcome,
    Mediator,
    MediatorKind,
    Party,
    PartyRole,
    RoundKind,
)
from filing.permissions import (
    can_act_on_mediation,
    can_consent_to_mediation_online,
    can_request_confirmation,
    can_review_filings,
    can_send_to_mediation,
)
from filing.services.case_numbers import case_number_allocate
from filing.services.filings import (
    MaterialInput,
    _add_round,
    _claim_on_decision,
    _decision_due_on,
    _event,
    _locked,
    _require,
    _save_transition,
    filing_register,
)

MEDIATION_TYPE_CODE = "民诉前调"

NO_CONSENT_BY = "请写明同意诉前调解的当事人（民事诉讼法第一百二十五条：当事人拒绝调解的，不得诉前调解）。"
NO_CONSENT_METHOD = "请选择当事人同意的方式（窗口签署同意书或诉讼服务网点击同意）。"
NO_PORTAL_CONSENT = "当事人尚未在诉讼服务网点击同意诉前调解；请让当事人在网上同意，或在窗口签署书面同意书。"
NO_MEDIATOR = "请选择名册中的调解员或调解组织，或直接填写调解人姓名（名称）和类型。"
MEDIATOR_NOT_ON_ROSTER = "所选调解人不在本院特邀调解名册中。"
NO_EXTENSION_CONSENT = (
    "延长诉前调解期限须经双方当事人同意，请确认并写明同意的当事人和方式；未经同意不得延长（钢城承诺六）。"
)
BAD_EXTENSION_DAYS = "延长天数须为 1 至 {max} 之间的整数。"
NO_EXTENSION_REASON = "请写明延长调解期限的理由。"
EXTENSION_TOO_LATE = "调解期限已于 {due:%Y年%m月%d日} 届满，不能再延长；未达成调解协议的，应当转立案。"
NO_AGREEMENT_TERMS = "请填写调解协议的内容。"
BAD_AGREEMENT_DATE = "调解协议达成日须在调解开始（{start:%Y年%m月%d日}）之后、不晚于今天。"
NO_OUTCOME_REASON = "请写明原因。"
NOT_YET_DUE = "调解期限至 {due:%Y年%m月%d日}，尚未届满；调解不成的，请按“调解不成，转立案”办理。"
TEXT_TOO_LONG = "{label}请不超过 {max} 字。"
NO_CONFIRMATION_TYPE = "本院案件类型中没有“{code}”，无法受理司法确认申请；请系统管理员检查设置。"

MAX_EXTENSION_DAYS = 90
# The applicants of a confirmation in the complaint's order: 原告 first, then 被告, then 第三人.
_ROLE_ORDER = {role: index for index, role in enumerate(PartyRole.values)}


@dataclass(frozen=True)
class MediatorInput:
    """The mediator: one from the roster (`mediator`), or typed in at the window (name and kind)."""

    mediator: Mediator | None = None
    name: str = ""
    kind: str = ""
    contact: str = ""


def _clean_text(label: str, value: str, errors: list[str], *, max_length: int) -> str:
    value = (value or "").strip()
    try:
        validate_no_markup(value, label)
    except ValidationError as error:
        errors.extend(error.messages)
    if len(value) > max_length:
        errors.append(TEXT_TOO_LONG.format(label=label, max=max_length))
    return value


def _mediator_fields(filing: Filing, mediator: MediatorInput, errors: list[str]) -> dict:
    if mediator.mediator is not None:
        chosen = mediator.mediator
        if chosen.court_id != filing.court_id or not chosen.active:
            errors.append(MEDIATOR_NOT_ON_ROSTER)
            return {}
        contact = chosen.contact or ""
        name = f"{chosen.name}（{chosen.organisation}）" if chosen.organisation else chosen.name
        return {
            "mediator": chosen,
            "mediator_name": name,
            "mediator_kind": chosen.kind,
            "mediator_contact": contact,
        }
    name = _clean_text("调解人", mediator.name, errors, max_length=100)
    contact = _clean_text("调解人联系方式", mediator.contact, errors, max_length=100)
    if not name or mediator.kind not in MediatorKind.values:
        errors.append(NO_MEDIATOR)
        return {}
    return {
        "mediator": None,
        "mediator_name": name,
        "mediator_kind": mediator.kind,
        "mediator_contact": contact,
    }


def _consent(consent_by: str, consent_method: str, errors: list[str], *, missing: str) -> str:
    consent_by = _clean_text("同意的当事人", consent_by, errors, max_length=200)
    if not consent_by:
        errors.append(missing)
    if consent_method not in ConsentMethod.values:
        errors.append(NO_CONSENT_METHOD)
    return consent_by


def _check_mediating(filing: Filing, user) -> None:
    """can_act_on_mediation, enforced under the row lock. A clerk whose filing has meanwhile left mediation
    (a second click, a colleague's outcome) is told its state, as a message, not a 403."""
    decision = can_act_on_mediation(filing, user)
    if not decision and can_review_filings(user):
        raise ValidationError(decision.reason)
    _require(decision)


def _locked_mediation(filing: Filing) -> Mediation:
    return Mediation.objects.select_for_update().get(filing=filing)


def _save(record, user) -> None:
    record._history_user = user
    record.full_clean()
    record.save()


@transaction.atomic
def mediation_start(
    *,
    filing: Filing,
    user,
    mediator: MediatorInput,
    consent_by: str,
    consent_method: str,
    consent_note: str = "",
) -> Mediation:
    """With the filer's consent, send a received civil filing to pre-filing mediation instead of deciding
    on it: a 民诉前调 number, the mediator, the limit, and the decision period suspended."""
    filing = _locked(filing)
    _require(can_send_to_mediation(filing, user))
    errors: list[str] = []
    now = timezone.now()
    consent_at = now
    if consent_method == ConsentMethod.PORTAL:
        # A consent "in the portal" is the filer's own click (MediationConsent), never only the clerk's word.
        portal_consent = MediationConsent.objects.filter(filing=filing).first()
        if portal_consent is None:
            errors.append(NO_PORTAL_CONSENT)
        else:
            consent_by = consent_by.strip() or portal_consent.name
            consent_at = portal_consent.given_at
    consent_by = _consent(consent_by, consent_method, errors, missing=NO_CONSENT_BY)
    consent_note = _clean_text("同意情况说明", consent_note, errors, max_length=300)
    mediator_fields = _mediator_fields(filing, mediator, errors)
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate(now)
    # 案号规定 (DOMAIN §2): 民诉前调 is numbered per court and year of receipt like any case type.
    sequence, number = case_number_allocate(
        court=filing.court, year=today.year, type_code=MEDIATION_TYPE_CODE
    )
    days_left = None
    if filing.case_type.decision_days is not None:
        # 登记立案规定 art. 8: the days the decision period still had, counted from its start (a period that
        # ran out before the mediation started has none left: the filing is registered on the day it ends).
        elapsed = (today - filing.limit_starts_on).days
        days_left = max(0, filing.case_type.decision_days - elapsed)
    mediation = Mediation(
        filing=filing,
        court=filing.court,
        number=number,
        year=today.year,
        sequence=sequence,
        consent_by=consent_by,
        consent_method=consent_method,
        consent_at=consent_at,
        consent_note=consent_note,
        started_at=now,
        started_by=user,
        due_on=deadlines.statutory_deadline(today, settings.COURTHALL_MEDIATION_DAYS),
        decision_days_left=days_left,
        **mediator_fields,
    )
    _save(mediation, user)
    _claim_on_decision(filing, user)  # 首接负责制: an unclaimed online filing is claimed by who acts on it
    filing.send_to_mediation()
    _save_transition(filing, user)
    _event(
        filing,
        user,
        "mediation_started",
        f"经{consent_by}同意（{mediation.get_consent_method_display()}），转诉前调解 {number}，"
        f"调解人 {mediation.mediator_name}（{mediation.get_mediator_kind_display()}），"
        f"调解期限至 {mediation.due_on:%Y年%m月%d日}；立案审查期限中止",
        number=number,
        due_on=mediation.due_on.isoformat(),
    )
    return mediation


@transaction.atomic
def mediation_consent_online(*, filing: Filing, user) -> MediationConsent:
    """The filer agrees to pre-filing mediation in the portal (民事诉讼法 art. 125); the window then sends
    the filing to mediation (mediation_start with ConsentMethod.PORTAL). Nothing else changes: the filing
    stays undecided, its decision period running, until the window acts."""
    filing = _locked(filing)
    _require(can_consent_to_mediation_online(filing, user))
    consent = MediationConsent(
        filing=filing, given_by=user, name=user.get_full_name(), given_at=timezone.now()
    )
    _save(consent, user)
    _event(filing, user, "mediation_consented", f"{consent.name}在诉讼服务网同意诉前调解")
    return consent


@transaction.atomic
def mediation_extend(
    *,
    filing: Filing,
    user,
    days,
    reason: str,
    parties_consent: bool,
    consent_by: str = "",
    consent_method: str = "",
) -> MediationExtension:
    """Extend the limit by `days` calendar days from its current last day, with the parties' consent
    recorded (who, how). Without it nothing changes (钢城承诺六: no unjustified over-time mediation)."""
    filing = _locked(filing)
    _check_mediating(filing, user)
    mediation = _locked_mediation(filing)
    today = timezone.localdate()
    errors: list[str] = []
    if not parties_consent:
        errors.append(NO_EXTENSION_CONSENT)
    consent_by = _consent(consent_by, consent_method, errors, missing=NO_EXTENSION_CONSENT)
    reason = _clean_text("延长理由", reason, errors, max_length=300)
    if not reason:
        errors.append(NO_EXTENSION_REASON)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        errors.append(BAD_EXTENSION_DAYS.format(max=MAX_EXTENSION_DAYS))
    if today > mediation.due_on:
        errors.append(EXTENSION_TOO_LATE.format(due=mediation.due_on))
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    now = timezone.now()
    extension = MediationExtension(
        mediation=mediation,
        previous_due_on=mediation.due_on,
        new_due_on=deadlines.statutory_deadline(mediation.due_on, days),
        days=days,
        reason=reason,
        consent_by=consent_by,
        consent_method=consent_method,
        consent_at=now,
        recorded_by=user,
    )
    _save(extension, user)
    mediation.due_on = extension.new_due_on
    _save(mediation, user)
    _event(
        filing,
        user,
        "mediation_extended",
        f"经{consent_by}同意（{extension.get_consent_method_display()}），诉前调解期限延长 {days} 日，"
        f"由 {extension.previous_due_on:%Y年%m月%d日} 延至 {extension.new_due_on:%Y年%m月%d日}。"
        f"理由：{reason}",
        due_on=extension.new_due_on.isoformat(),
    )
    return extension


def _end(mediation: Mediation, user, outcome: str, note: str = "") -> None:
    mediation.outcome = outcome
    mediation.outcome_note = note
    mediation.ended_at = timezone.now()
    mediation.ended_by = user


@transaction.atomic
def mediation_settle(
    *,
    filing: Filing,
    user,
    agreement_on: date,
    terms: str,
    request_confirmation: bool = False,
) -> Mediation:
    """The parties reached a mediation agreement: recorded, and the filing closed as settled. With
    `request_confirmation` the parties' joint application for judicial confirmation is received at once."""
    filing = _locked(filing)
    _check_mediating(filing, user)
    mediation = _locked_mediation(filing)
    errors: list[str] = []
    terms = _clean_text("调解协议内容", terms, errors, max_length=5000)
    if not terms:
        errors.append(NO_AGREEMENT_TERMS)
    started_on = timezone.localdate(mediation.started_at)
    if not isinstance(agreement_on, date) or not started_on <= agreement_on <= timezone.localdate():
        errors.append(BAD_AGREEMENT_DATE.format(start=started_on))
    if errors:
        raise ValidationError(errors)
    _end(mediation, user, MediationOutcome.SETTLED)
    mediation.agreement_on, mediation.agreement_terms = agreement_on, terms
    _save(mediation, user)
    filing.decided_at, filing.decided_by = mediation.ended_at, user
    filing.settle_in_mediation()
    _save_transition(filing, user)
    _event(
        filing,
        user,
        "mediation_settled",
        f"诉前调解 {mediation.number} 调解成功，{agreement_on:%Y年%m月%d日}达成调解协议，结案",
        number=mediation.number,
    )
    if request_confirmation:
        _receive_confirmation(filing, mediation, user)
    return mediation


@transaction.atomic
def mediation_request_confirmation(*, filing: Filing, user) -> Filing:
    """The parties jointly apply for judicial confirmation of the settled mediation's agreement (民事诉讼法
    art. 205): received as a new filing of its own type (settings.COURTHALL_MEDIATION_CONFIRMATION_TYPE,
    诉前调确), which the court examines and registers through the ordinary filing_register."""
    filing = _locked(filing)
    _require(can_request_confirmation(filing, user))
    return _receive_confirmation(filing, _locked_mediation(filing), user)


def _receive_confirmation(filing: Filing, mediation: Mediation, user) -> Filing:
    """Why a new filing and not a case registered on the spot: the application is the parties' own (both
    apply, within 30 days of the agreement: 民事诉讼法 art. 205), the court examines it and may refuse to
    confirm (民诉法解释 arts. 355–358), and a case number is given only when it is registered (案号规定).
    Both parties are applicants (申请人): there is no respondent."""
    code = settings.COURTHALL_MEDIATION_CONFIRMATION_TYPE
    case_type = CaseType.objects.filter(code=code).first()
    if case_type is None:
        raise ValidationError(NO_CONFIRMATION_TYPE.format(code=code))
    now = timezone.now()
    today = timezone.localdate(now)
    application = Filing(
        court=filing.court,
        case_type=case_type,
        cause=filing.cause,
        cause_text=filing.cause_text,
        claims=f"申请确认双方于{mediation.agreement_on:%Y年%m月%d日}在诉前调解（{mediation.number}）中达成的调解协议有效。",
        facts=mediation.agreement_terms,
        first_receiver=user,
        received_at=now,
        limit_starts_on=today,
        decision_due_on=_decision_due_on(case_type, today),
    )
    application._history_user = user
    # The protected FSM field refuses clean_fields()'s assignment; a new filing's state is its default.
    application.full_clean(exclude=["state"])
    application.save()
    parties = [
        Party(
            **{
                field.name: getattr(party, field.name)
                for field in Party._meta.concrete_fields
                if field.name not in ("id", "filing", "role")
            },
            filing=application,
            role=PartyRole.PLAINTIFF,
        )
        for party in sorted(filing.parties.all(), key=lambda p: (_ROLE_ORDER[p.role], p.sort_order, p.pk))
    ]
    for index, party in enumerate(parties):
        party.sort_order = index
    Party.objects.bulk_create(parties)
    mediation.confirmation_filing = application
    _save(mediation, user)
    _event(
        application,
        user,
        "received",
        f"收到双方当事人共同提出的司法确认申请（诉前调解 {mediation.number}，原收件第{filing.pk}号）",
        mediation=mediation.number,
        source_filing=filing.pk,
    )
    _add_round(
        application,
        user=user,
        kind=RoundKind.INITIAL,
        submitter_name="、".join(party.name for party in parties),
        materials=[
            MaterialInput(name="司法确认申请书", is_original=True),
            MaterialInput(name="调解协议", is_original=True),
        ],
    )
    _event(
        filing,
        user,
        "confirmation_requested",
        f"双方当事人申请司法确认调解协议，已作为{case_type.name}收件（收件第{application.pk}号）",
        confirmation_filing=application.pk,
    )
    return application


@transaction.atomic
def mediation_withdraw(*, filing: Filing, user, reason: str) -> Mediation:
    """The filer withdraws during mediation: the mediation ends and the filing is withdrawn."""
    filing = _locked(filing)
    _check_mediating(filing, user)
    mediation = _locked_mediation(filing)
    errors: list[str] = []
    reason = _clean_text("撤回原因", reason, errors, max_length=1000)
    if not reason:
        errors.append(NO_OUTCOME_REASON)
    if errors:
        raise ValidationError(errors)
    _end(mediation, user, MediationOutcome.WITHDRAWN, reason)
    _save(mediation, user)
    filing.withdrawal_reason = reason
    filing.decided_at, filing.decided_by = mediation.ended_at, user
    filing.withdraw_from_mediation()
    _save_transition(filing, user)
    _event(filing, user, "withdrawn", f"诉前调解 {mediation.number} 中当事人撤回立案申请：{reason}")
    return mediation


@transaction.atomic
def mediation_fail(*, filing: Filing, user, reason: str) -> Filing:
    """No agreement: the mediation ends and the filing is registered at once (filing_register), keeping
    its received date. Raises filing_register's ValidationError (e.g. no fee account) with nothing changed."""
    filing = _locked(filing)
    _check_mediating(filing, user)
    errors: list[str] = []
    reason = _clean_text("调解不成的原因", reason, errors, max_length=1000)
    if not reason:
        errors.append(NO_OUTCOME_REASON)
    if errors:
        raise ValidationError(errors)
    return _end_and_register(filing, user, MediationOutcome.FAILED, reason)


@transaction.atomic
def mediation_time_out(*, filing: Filing, user) -> Filing:
    """The limit passed without an agreement (钢城承诺六: no over-time mediation): registered at once, with
    the clerk's click in the timeline. Only once the limit has passed."""
    filing = _locked(filing)
    _check_mediating(filing, user)
    mediation = Mediation.objects.get(filing=filing)
    if not mediation.is_overdue(timezone.localdate()):
        raise ValidationError(NOT_YET_DUE.format(due=mediation.due_on))
    return _end_and_register(filing, user, MediationOutcome.TIMED_OUT, "")


def _end_and_register(filing: Filing, user, outcome: str, note: str) -> Filing:
    mediation = _locked_mediation(filing)
    _end(mediation, user, outcome, note)
    _save(mediation, user)
    # 登记立案规定 art. 8, suspended since the mediation started: it resumes from today with the days left.
    today = timezone.localdate()
    filing.limit_starts_on = today
    if mediation.decision_days_left is not None:
        filing.decision_due_on = deadlines.statutory_deadline(today, mediation.decision_days_left)
    filing.end_mediation()
    _save_transition(filing, user)
    label = MediationOutcome(outcome).label
    _event(
        filing,
        user,
        "mediation_failed",
        f"诉前调解 {mediation.number}：{label}"
        + (f"。原因：{note}" if note else "")
        + "；立案审查期限恢复计算",
        number=mediation.number,
        outcome=outcome,
    )
    return filing_register(filing=filing, user=user)
