"""Every write on a filing at the window: receive, decide, correct, refuse, withdraw.

Each service locks the filing row, checks the permission (filing.permissions), runs the transition,
saves, writes the timeline event and issues the document, all in one transaction: a document exists
exactly when the decision it records does.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from courthall import deadlines
from courthall.validators import validate_mobile, validate_no_markup, validate_resident_id, validate_uscc
from filing import enforcement, fees, snapshots
from filing.models import (
    Agent,
    AgentKind,
    CaseCategory,
    CaseType,
    Channel,
    CorrectionItem,
    CorrectionRequest,
    EnforcementBasis,
    Filing,
    FilingEvent,
    FilingState,
    IdType,
    MaterialItem,
    Party,
    PartyKind,
    PartyRole,
    RoundKind,
    SubmissionRound,
)
from filing.permissions import (
    can_approve_second_notice,
    can_decide_filing,
    can_receive_materials,
    can_refuse_filing,
    can_register_filing,
    can_work_counter,
)
from filing.services.assignment import filing_assign
from filing.services.case_numbers import case_number_allocate
from filing.services.phone_calls import PhoneCallInput, phone_call_fields
from notices.models import Notice, NoticeKind
from notices.services import notice_deliver, notice_issue

NO_PLAINTIFF = "请至少填写一名原告（起诉人）。"
NO_DEFENDANT = "请至少填写一名被告：起诉必须有明确的被告（民事诉讼法第一百二十二条）。"
NO_CLAIMS = "请填写诉讼请求。"
AGENT_KIND_REQUIRED = "请选择代理人类型（民事诉讼法第六十一条）。"
AGENT_NAME_REQUIRED = "请填写代理人姓名。"
NO_CAUSE = "请选择案由，目录中没有的请直接填写。"
NO_MATERIALS = "请登记收到的材料：每次收取材料都要出具收据（登记立案规定第二条）。"
BAD_AMOUNT = "争议金额须为不小于零的数字（单位：元）。"
CASE_TYPE_CLOSED = "本院不受理“{name}”类型的立案申请。"
NO_CORRECTION_ITEMS = "补正材料通知书至少要列明一项需补正的内容。"
INCOMPLETE_ITEM = "第{n}项补正内容不完整：须写明材料、存在的问题和需补正的内容。"
SECOND_NOTICE = (
    "第{n}项“{material}”涉及首次告知时已提交的材料，属于二次告知（一次性全面告知，舞钢规范第六条）。"
    "如确有必要，须由诉讼服务中心负责人书面批准。"
)
NO_APPROVAL_REASON = "批准二次告知必须写明理由。"
NO_REFUSAL_REASON = "不予受理必须写明理由（登记立案规定第九条）。"
NO_LEGAL_BASIS = "请写明不予受理的法律依据。"
NO_COMPETENT_COURT = "请写明有管辖权的法院。"
NO_REASON = "请写明原因。"
NOT_IN_CORRECTION = "该立案申请当前状态为“{state}”，不在补正期间。"
DEADLINE_NOT_PASSED = "补正期限（{deadline}）尚未届满，不能按逾期未补正退回。"
NO_FEE_ACCOUNT = (
    "本院尚未设置诉讼费收款账户，无法出具交纳诉讼费用通知书。请系统管理员在“系统管理 → 法院”中填写后再立案。"
)
ALREADY_UNDER_REVIEW = "该立案申请已转入待审查，请在审查期限内作出决定。"
ALREADY_DECIDED = "该立案申请已由{who}于{when}处理（{state}），请刷新页面查看。"
LAWYER_LICENCE_INVALID = "代理人 {name}：律师代理须填写律师执业证号（17位数字）。"
LICENCE_NUMBER = re.compile(r"[0-9]{17}")
WAGE_CLAIM_CAUSE = "追索劳动报酬"


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str
    kind: str = PartyKind.PERSON
    sex: str = ""
    birth_date: object = None
    ethnicity: str = ""
    occupation: str = ""
    address: str = ""
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    legal_representative: str = ""
    legal_representative_title: str = ""


@dataclass(frozen=True)
class AgentInput:
    party_index: int  # which of the parties (0-based) the agent represents
    kind: str
    name: str
    id_number: str = ""
    phone: str = ""
    licence_number: str = ""
    firm: str = ""
    special_authority: bool = False


@dataclass(frozen=True)
class MaterialInput:
    name: str
    copies: int = 1
    pages: int = 1
    is_original: bool = False
    checklist_item_id: int | None = None


@dataclass(frozen=True)
class CorrectionInput:
    material: str
    problem: str
    provide: str
    material_item_id: int | None = None
    checklist_item_id: int | None = None


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _event(filing: Filing, user, action: str, summary: str = "", **data) -> None:
    FilingEvent.objects.create(filing=filing, actor=user, action=action, summary=summary, data=data)


def _locked(filing: Filing) -> Filing:
    """The filing re-read under a row lock: the state every decision checks is the committed one."""
    return Filing.objects.select_for_update().select_related("court", "case_type").get(pk=filing.pk)


def _save_transition(filing: Filing, user) -> None:
    filing._history_user = user
    try:
        filing.save()
    except ConcurrentTransition:
        raise ValidationError(_already_decided(filing)) from None


def _already_decided(filing: Filing) -> str:
    current = Filing.objects.select_related("decided_by", "registered_by").get(pk=filing.pk)
    who = current.decided_by or current.registered_by
    when = current.decided_at or current.registered_at
    return ALREADY_DECIDED.format(
        who=who.get_full_name() if who else "其他工作人员",
        when=timezone.localtime(when).strftime("%Y年%m月%d日 %H:%M") if when else "刚才",
        state=current.get_state_display(),
    )


def _check_decidable(filing: Filing, user, decision) -> None:
    """A refused decision on a filing someone already decided says who and when, not just "not allowed"."""
    if not decision and filing.state in (
        FilingState.REGISTERED,
        FilingState.REFUSED,
        FilingState.NOT_COMPETENT,
        FilingState.WITHDRAWN,
    ):
        raise ValidationError(_already_decided(filing))
    _require(decision)


def _claim_on_decision(filing: Filing, user) -> None:
    """首接负责制 (舞钢规范第五条): an online filing nobody has claimed is claimed by whoever decides on it.
    Call inside the decision's transaction, after its checks, before the filing is saved."""
    if filing.channel == Channel.ONLINE and filing.first_receiver_id is None:
        filing.first_receiver = user
        _event(
            filing,
            user,
            "claimed",
            f"办理时一并认领（首接负责制），首接负责人 {user.get_full_name()}",
            implicit=True,
        )


def _clean_amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(BAD_AMOUNT) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e13"):
        raise ValidationError(BAD_AMOUNT)
    return amount.quantize(Decimal("0.01"))


def _clean_party(index: int, data: PartyInput) -> dict:
    values = {field: getattr(data, field) for field in PartyInput.__dataclass_fields__}
    values["name"] = data.name.strip()
    label = f"第{index + 1}名当事人"
    if not values["name"]:
        raise ValidationError(f"{label}：请填写姓名或名称。")
    try:
        if data.id_number and data.id_type == IdType.RESIDENT_ID:
            values["id_number"] = validate_resident_id(data.id_number)
        elif data.id_number and data.id_type == IdType.USCC:
            values["id_number"] = validate_uscc(data.id_number)
        if data.phone and data.phone.strip().startswith(("1", "+86")):
            values["phone"] = validate_mobile(data.phone)
    except ValidationError as error:
        raise ValidationError(
            [f"{label}（{values['name']}）：{message}" for message in error.messages]
        ) from None
    return values


def markup_errors(*, parties=(), agents=(), texts: dict[str, str] | None = None) -> list[str]:
    """Every text field holding HTML or script (courthall.validators.validate_no_markup), one message each,
    named like the other entry errors. Whatever the channel, such text is refused, never stored."""
    checked = [(label, value) for label, value in (texts or {}).items()]
    for index, party in enumerate(parties):
        for field in PartyInput.__dataclass_fields__:
            checked.append(
                (f"第{index + 1}名当事人·{Party._meta.get_field(field).verbose_name}", getattr(party, field))
            )
    for agent in agents:
        for field in AgentInput.__dataclass_fields__:
            if field != "party_index":
                checked.append((f"代理人·{Agent._meta.get_field(field).verbose_name}", getattr(agent, field)))
    errors = []
    for label, value in checked:
        try:
            validate_no_markup(value, label)
        except ValidationError as error:
            errors.extend(error.messages)
    return errors


def _add_round(
    filing: Filing,
    *,
    user,
    kind: str,
    submitter_name: str,
    materials: list[MaterialInput],
    automatic: bool = False,
):
    """A round of materials and its receipt. `automatic`: handed in through the portal by `user`, the
    receipt issued by the system at once (登记立案规定 art. 2)."""
    if not materials:
        raise ValidationError(NO_MATERIALS)
    number = filing.rounds.count() + 1
    round_ = SubmissionRound.objects.create(
        filing=filing,
        number=number,
        kind=kind,
        submitter_name=submitter_name.strip() or snapshots.addressee_of(filing),
        received_at=timezone.now(),
        received_by=user,
    )
    MaterialItem.objects.bulk_create(
        MaterialItem(
            round=round_,
            checklist_item_id=m.checklist_item_id,
            name=m.name.strip(),
            copies=max(1, int(m.copies)),
            pages=max(1, int(m.pages)),
            is_original=m.is_original,
        )
        for m in materials
    )
    receipt = _issue(
        filing,
        user,
        NoticeKind.RECEIPT,
        snapshots.receipt_snapshot(filing, round_, user, automatic=automatic),
        addressee=round_.submitter_name,
        automatic=automatic,
    )
    # 登记立案规定 art. 2: a written receipt for every submission, stating the date received.
    _event(
        filing,
        user,
        "materials_received",
        f"收到第{number}次提交的材料，出具材料收据 {receipt.number}",
        round=number,
        notice=receipt.pk,
    )
    return round_


def filing_notice_subject(filing: Filing) -> str:
    """How a filing's documents are filed in notices (which knows nothing about filings)."""
    return f"filing:{filing.pk}"


def _issue(
    filing: Filing, user, kind: str, snapshot: dict, *, addressee: str | None = None, automatic: bool = False
):
    """Issue one of the filing's documents, addressed to the filer unless told otherwise. A filing made
    through the portal has an owner (for an intern's filing, the lawyer): the document is also served on
    them electronically (电子送达), in their inbox and by SMS."""
    notice = notice_issue(
        court=filing.court,
        kind=kind,
        subject=filing_notice_subject(filing),
        addressee=addressee or snapshots.addressee_of(filing),
        snapshot=snapshot,
        issued_by=user,
        automatic=automatic,
    )
    if filing.owner_id is not None:
        notice_deliver(notice=notice, recipient=filing.owner)
    return notice


def _decision_due_on(case_type: CaseType, starts_on):
    # 登记立案规定 art. 8: 7 days civil and administrative, 15 private prosecution, 30 third-party revocation.
    if case_type.decision_days is None:
        return None
    return deadlines.statutory_deadline(starts_on, case_type.decision_days)


@transaction.atomic
def filing_receive(
    *,
    user,
    case_type: CaseType,
    claims: str,
    parties: list[PartyInput],
    materials: list[MaterialInput],
    submitter_name: str = "",
    agents: list[AgentInput] = (),
    cause=None,
    cause_text: str = "",
    facts: str = "",
    amount_in_dispute=None,
    visit=None,
    channel: str = "counter",
    enforcement_basis: enforcement.EnforcementBasisInput | None = None,
) -> Filing:
    """A filing handed in at the window: the filing, its parties and agents, the first round of materials
    and its receipt. Call when the clerk has the materials in hand."""
    _require(can_work_counter(user))
    filing = filing_create(
        court=user.court,
        user=user,
        case_type=case_type,
        claims=claims,
        parties=parties,
        materials=materials,
        agents=agents,
        cause=cause,
        cause_text=cause_text,
        facts=facts,
        amount_in_dispute=amount_in_dispute,
        fields={"visit": visit, "channel": channel, "first_receiver": user},
        enforcement_basis=enforcement_basis,
    )
    _event(filing, user, "received", f"窗口收到{case_type.name}立案申请，首接负责人 {user.get_full_name()}")
    _add_round(filing, user=user, kind=RoundKind.INITIAL, submitter_name=submitter_name, materials=materials)
    return filing


def filing_create(
    *,
    court,
    user,
    case_type: CaseType,
    claims: str,
    parties: list[PartyInput],
    materials: list,
    agents: list[AgentInput] = (),
    cause=None,
    cause_text: str = "",
    facts: str = "",
    amount_in_dispute=None,
    fields: dict | None = None,
    enforcement_basis: enforcement.EnforcementBasisInput | None = None,
) -> Filing:
    """Check a filing's entries all at once (every error in one message list) and create the filing with
    its parties and agents, received now; an application for enforcement (执) with its 执行依据. The
    caller checks permission and adds the first round."""
    if not case_type.accepts_filings:
        raise ValidationError(CASE_TYPE_CLOSED.format(name=case_type.name))
    errors = []
    cleaned_parties = []
    for index, party in enumerate(parties):
        try:
            cleaned_parties.append(_clean_party(index, party))
        except ValidationError as error:
            errors.extend(error.messages)
    roles = [party.role for party in parties]
    if PartyRole.PLAINTIFF not in roles:
        errors.append(NO_PLAINTIFF)
    if case_type.requires_defendant and PartyRole.DEFENDANT not in roles:
        errors.append(NO_DEFENDANT)
    if not claims.strip():
        errors.append(NO_CLAIMS)
    if cause is None and not cause_text.strip():
        errors.append(NO_CAUSE)
    if not materials:
        errors.append(NO_MATERIALS)
    for agent in agents:
        if not 0 <= agent.party_index < len(parties):
            errors.append(f"代理人 {agent.name}：请选择其代理的当事人。")
        if agent.kind == AgentKind.LAWYER and not LICENCE_NUMBER.fullmatch(agent.licence_number or ""):
            errors.append(LAWYER_LICENCE_INVALID.format(name=agent.name))
    try:
        amount = _clean_amount(amount_in_dispute)
    except ValidationError as error:
        requires_basis = enforcement.requires_basis(case_type)
        errors.extend([enforcement.BAD_ENFORCEMENT_AMOUNT] if requires_basis else error.messages)
    basis, basis_errors = enforcement.clean_basis(case_type, enforcement_basis, today=timezone.localdate())
    errors.extend(basis_errors)
    errors.extend(
        markup_errors(
            parties=parties,
            agents=agents,
            texts={"诉讼请求": claims, "事实和理由": facts, "目录外案由": cause_text},
        )
    )
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    received_on = timezone.localdate(now)
    filing = Filing(
        court=court,
        case_type=case_type,
        cause=cause,
        cause_text=cause_text.strip(),
        claims=claims.strip(),
        facts=facts.strip(),
        amount_in_dispute=amount,
        received_at=now,
        limit_starts_on=received_on,
        decision_due_on=_decision_due_on(case_type, received_on),
        **(fields or {}),
    )
    filing._history_user = user
    # The protected FSM field refuses clean_fields()'s assignment; a new filing's state is its default.
    filing.full_clean(exclude=["state"])
    filing.save()
    created = [
        Party.objects.create(filing=filing, sort_order=i, **values)
        for i, values in enumerate(cleaned_parties)
    ]
    for agent in agents:
        Agent.objects.create(
            filing=filing,
            party=created[agent.party_index],
            kind=agent.kind,
            name=agent.name.strip(),
            id_number=agent.id_number,
            phone=agent.phone,
            licence_number=agent.licence_number,
            firm=agent.firm,
            special_authority=agent.special_authority,
        )
    if basis is not None:
        record = EnforcementBasis(filing=filing, **basis)
        record._history_user = user
        record.full_clean()
        record.save()
    return filing


@transaction.atomic
def filing_decide_later(*, filing: Filing, user) -> Filing:
    """Not decidable on the spot (登记立案规定 art. 8): the filing joins the review queue with its limit."""
    filing = _locked(filing)
    _check_decidable(filing, user, can_decide_filing(filing, user))
    if filing.state != FilingState.RECEIVED:  # a second click: the filing is already in the queue
        raise ValidationError(ALREADY_UNDER_REVIEW)
    _claim_on_decision(filing, user)
    filing.decide_later()
    _save_transition(filing, user)
    due = f"，审查期限至 {filing.decision_due_on:%Y年%m月%d日}" if filing.decision_due_on else ""
    _event(filing, user, "decide_later", f"未能当场决定，转入待审查{due}")
    return filing


def filing_fee_due(filing: Filing) -> tuple[str | None, fees.FeeResult | None]:
    """The fee kind and the fee registering `filing` charges; (None, None) when it pays none.

    filing_register charges it; the register confirmation page shows it beforehand. Raises
    ValidationError with the calculator's message when the filing lacks what the fee needs (a payment
    order without an amount).
    """
    amount = filing.amount_in_dispute
    # A cause may carry its own fee kind (labour disputes 10 yuan, divorce, personality rights:
    # 诉讼费用交纳办法 art. 13); otherwise the case type decides.
    fee_kind = (filing.cause.fee_kind if filing.cause_id else "") or fees.fee_kind_for_case_type(
        filing.case_type.code, has_amount=amount is not None
    )
    if fee_kind is None:
        return None, None
    # Each kind takes the amount under its own name, and a kind with a fixed fee (labour 10 yuan,
    # administrative cases) takes none: compute_fee refuses an amount it would not use.
    names = fees.KIND_INPUTS.get(fee_kind, {})
    amounts = {name: amount for name in names} if amount is not None else {}
    # 诉讼费用交纳办法 art. 20: a wage claim (追索劳动报酬) is filed without advancing the acceptance fee.
    wage_claim = fee_kind in ("property", "labour") and WAGE_CLAIM_CAUSE in filing.cause_name
    try:
        return fee_kind, fees.compute_fee(
            fee_kind, province=filing.court.province, wage_claim=wage_claim, **amounts
        )
    except fees.FeeInputError as error:
        raise ValidationError(str(error)) from None


def filing_gets_evidence_notice(filing: Filing) -> bool:
    """DOMAIN §3 (互联网法院规定 art. 7): an online civil suit is served the 举证通知书 with the acceptance
    and fee notices. Only a suit with a defendant has evidence to exchange (not 民特, 民催)."""
    return (
        filing.channel == Channel.ONLINE
        and filing.case_type.category == CaseCategory.CIVIL
        and filing.case_type.requires_defendant
    )


@transaction.atomic
def filing_register(*, filing: Filing, user) -> Filing:
    """Register the filing: case number, acceptance notice and fee notice, in one transaction.

    Two clerks pressing "立案" at once: the row lock queues the second, who then finds the filing
    registered and is told by whom and when (ALREADY_DECIDED); a double click does the same.
    """
    filing = _locked(filing)
    _check_decidable(filing, user, can_decide_filing(filing, user))
    # 钢城承诺四: a 执 filing waits for the clerk's check of its 执行依据 (filing.enforcement).
    if not (registrable := can_register_filing(filing, user)):
        raise ValidationError(registrable.reason)
    _claim_on_decision(filing, user)
    now = timezone.now()
    today = timezone.localdate(now)
    # 案号规定: the year of the number is the year the case is received as a case (立案).
    filing.case_sequence, filing.case_number = case_number_allocate(
        court=filing.court, year=today.year, type_code=filing.case_type.code
    )
    filing.case_year = today.year
    filing.registered_at = filing.decided_at = now
    filing.registered_by = filing.decided_by = user
    filing.registered_on_spot = filing.state == FilingState.RECEIVED
    # 登记立案规定 art. 8: still undecided at the limit → register first (先行立案); recorded as such.
    filing.registered_first = bool(filing.decision_due_on and today > filing.decision_due_on)
    fee_kind, fee = filing_fee_due(filing)
    # A wage claim advances nothing (art. 20): no amount is demanded now; the judgment allocates the fee.
    if fee is not None and not fee.no_advance:
        filing.fee_total = fee.total
        if not fee.paid_after and not filing.court.fee_account_number:
            raise ValidationError(NO_FEE_ACCOUNT)
    filing.register()
    _save_transition(filing, user)
    acceptance = _issue(filing, user, *snapshots.acceptance_of(filing, user))
    issued = [acceptance.number]
    if fee is not None and not fee.paid_after and not fee.no_advance:
        fee_notice = _issue(
            filing, user, NoticeKind.FEE, snapshots.fee_snapshot(filing, user, basis=fees.FEE_KINDS[fee_kind])
        )
        issued.append(fee_notice.number)
        # 诉讼费用交纳办法 art. 22: the payment limit runs from the fee notice's service. (Imported here:
        # filing.services.payment_limit builds on this module's helpers.)
        from filing.services.payment_limit import payment_limit_start

        payment_limit_start(filing, user=user, notice=fee_notice)
    if filing_gets_evidence_notice(filing):
        evidence = _issue(filing, user, NoticeKind.EVIDENCE, snapshots.evidence_snapshot(filing, user))
        issued.append(evidence.number)
    how = (
        "当场立案"
        if filing.registered_on_spot
        else ("期限届满先行立案" if filing.registered_first else "审查后立案")
    )
    _event(
        filing,
        user,
        "registered",
        f"{how}，案号 {filing.case_number}；出具 {'、'.join(issued)}",
        case_number=filing.case_number,
    )
    # 舞钢规范第七条 当天分案: assigned in the registration's own transaction (filing.services.assignment).
    filing_assign(filing=filing, user=user, on=today)
    return filing


def _item_concerns(item: CorrectionInput, earlier: list[CorrectionItem]) -> bool:
    return any(
        (item.checklist_item_id and e.checklist_item_id == item.checklist_item_id)
        or (item.material_item_id and e.material_item_id == item.material_item_id)
        or e.material == item.material.strip()
        for e in earlier
    )


def _is_second_notice(filing: Filing, item: CorrectionInput, first: CorrectionRequest) -> bool:
    """一次性全面告知 (舞钢规范第六条, 钢城承诺四): after a correction round, an item may concern only a
    material newly handed in during a correction round, or an item of an earlier notice not yet put right.
    Anything else should have been in the first notice: it is a second notice (二次告知)."""
    if item.material_item_id is not None:
        handed_in = MaterialItem.objects.select_related("round").get(
            pk=item.material_item_id, round__filing=filing
        )
        if handed_in.round.number > first.after_round.number:
            return False
    earlier = list(CorrectionItem.objects.filter(request__filing=filing))
    return not _item_concerns(item, earlier)


@transaction.atomic
def filing_return_for_correction(
    *,
    filing: Filing,
    user,
    items: list[CorrectionInput],
    approved_by=None,
    approval_reason: str = "",
    phone_call: PhoneCallInput | None = None,
) -> CorrectionRequest:
    """Tell the party, once and in writing, everything to correct (登记立案规定 art. 7) and issue the
    补正材料通知书. A follow-up notice after a correction round is checked item by item against the
    one-time rule; a second notice needs a supervisor's written approval (approved_by, approval_reason).
    An online filing's filer is also phoned (舞钢规范第七条): `phone_call` is then required."""
    filing = _locked(filing)
    _check_decidable(filing, user, can_decide_filing(filing, user))
    if not items:
        raise ValidationError(NO_CORRECTION_ITEMS)
    for n, item in enumerate(items, 1):
        if not (item.material.strip() and item.problem.strip() and item.provide.strip()):
            raise ValidationError(INCOMPLETE_ITEM.format(n=n))
    call = phone_call_fields(filing, phone_call)
    first = filing.corrections.order_by("issued_at", "pk").select_related("after_round").first()
    second = [first is not None and _is_second_notice(filing, item, first) for item in items]
    if any(second):
        if approved_by is None or not can_approve_second_notice(filing, approved_by):
            raise ValidationError(
                [
                    SECOND_NOTICE.format(n=n, material=item.material)
                    for n, (item, s) in enumerate(zip(items, second, strict=True), 1)
                    if s
                ]
            )
        if not approval_reason.strip():
            raise ValidationError(NO_APPROVAL_REASON)
    now = timezone.now()
    request = CorrectionRequest.objects.create(
        filing=filing,
        after_round=filing.rounds.order_by("-number").first(),
        follow_up=first is not None,
        deadline_on=deadlines.statutory_deadline(timezone.localdate(now), settings.COURTHALL_CORRECTION_DAYS),
        issued_at=now,
        issued_by=user,
        **call,
    )
    for item, is_second in zip(items, second, strict=True):
        CorrectionItem.objects.create(
            request=request,
            checklist_item_id=item.checklist_item_id,
            material_item_id=item.material_item_id,
            material=item.material.strip(),
            problem=item.problem.strip(),
            provide=item.provide.strip(),
            second_notice=is_second,
            approved_by=approved_by if is_second else None,
            approval_reason=approval_reason.strip() if is_second else "",
        )
    _claim_on_decision(filing, user)
    filing.decided_at, filing.decided_by = now, user
    filing.return_for_correction()
    _save_transition(filing, user)
    notice = _issue(filing, user, NoticeKind.CORRECTION, snapshots.correction_snapshot(filing, request, user))
    seconds = sum(second)
    _event(
        filing,
        user,
        "correction_requested",
        f"出具补正材料通知书 {notice.number}，共 {len(items)} 项，补正期限 {request.deadline_on:%Y年%m月%d日}"
        + (
            f"；其中二次告知 {seconds} 项，经 {approved_by.get_full_name()} 批准：{approval_reason}"
            if seconds
            else ""
        )
        + (f"；{request.phone_call_summary}" if call else ""),
        notice=notice.pk,
        second_notices=seconds,
    )
    return request


@transaction.atomic
def filing_receive_corrections(
    *, filing: Filing, user, materials: list[MaterialInput], submitter_name: str = ""
) -> Filing:
    """The party brings the corrections to the window: a new round with its receipt; the decision period
    runs again from today (登记立案规定 art. 7)."""
    filing = _locked(filing)
    _require(can_receive_materials(filing, user))
    receive_corrections(filing, user=user, materials=materials, submitter_name=submitter_name)
    return filing


def receive_corrections(
    filing: Filing, *, user, materials: list[MaterialInput], submitter_name: str, automatic: bool = False
) -> SubmissionRound:
    """The corrections arrive, at the window or through the portal (`automatic`: the receipt issued by the
    system): a correction round with its receipt, the decision period restarted from today (登记立案规定
    art. 7: 自收到补正材料之日起), the filing back under review. The received date is not touched.

    Call inside transaction.atomic with `filing` from _locked() and the permission checked; any other field
    the caller set on `filing` is saved with the transition.
    """
    if filing.state != FilingState.AWAITING_CORRECTION:
        raise ValidationError(NOT_IN_CORRECTION.format(state=filing.get_state_display()))
    round_ = _add_round(
        filing,
        user=user,
        kind=RoundKind.CORRECTION,
        submitter_name=submitter_name,
        materials=materials,
        automatic=automatic,
    )
    today = timezone.localdate()
    filing.limit_starts_on = today
    filing.decision_due_on = _decision_due_on(filing.case_type, today)
    filing.receive_corrections()
    _save_transition(filing, user)
    return round_


@transaction.atomic
def filing_lapse_correction(*, filing: Filing, user) -> Filing:
    """The correction period passed without corrections: materials returned and recorded (art. 7)."""
    filing = _locked(filing)
    _require(can_work_counter(user))
    if filing.state != FilingState.AWAITING_CORRECTION:
        raise ValidationError(NOT_IN_CORRECTION.format(state=filing.get_state_display()))
    request = filing.corrections.order_by("-issued_at", "-pk").first()
    if timezone.localdate() <= request.deadline_on:
        raise ValidationError(DEADLINE_NOT_PASSED.format(deadline=f"{request.deadline_on:%Y年%m月%d日}"))
    filing.decided_at, filing.decided_by = timezone.now(), user
    filing.lapse_correction()
    _save_transition(filing, user)
    notice = _issue(
        filing,
        user,
        NoticeKind.RETURN,
        snapshots.return_snapshot(
            filing,
            user,
            notice_number=_latest_number(filing, NoticeKind.CORRECTION),
            deadline_on=request.deadline_on,
        ),
    )
    _event(
        filing, user, "returned", f"逾期未补正，退回材料并记录在册，出具 {notice.number}", notice=notice.pk
    )
    return filing


def _latest_number(filing: Filing, kind: str) -> str:
    notices = Notice.objects.filter(subject=filing_notice_subject(filing), kind=kind).order_by("-pk")
    return notices.values_list("number", flat=True).first() or ""


@transaction.atomic
def filing_refuse(*, filing: Filing, user, reasons: str, legal_basis: str) -> Filing:
    """A written ruling not to accept, with reasons and legal basis (登记立案规定 art. 9)."""
    filing = _locked(filing)
    _check_decidable(filing, user, can_refuse_filing(filing, user))
    errors = [m for m, v in ((NO_REFUSAL_REASON, reasons), (NO_LEGAL_BASIS, legal_basis)) if not v.strip()]
    if errors:
        raise ValidationError(errors)
    _claim_on_decision(filing, user)
    filing.refusal_reasons, filing.refusal_basis = reasons.strip(), legal_basis.strip()
    filing.decided_at, filing.decided_by = timezone.now(), user
    filing.refuse()
    _save_transition(filing, user)
    notice = _issue(filing, user, NoticeKind.REFUSAL, snapshots.refusal_snapshot(filing, user))
    _event(
        filing,
        user,
        "refused",
        f"裁定不予受理，出具 {notice.number}。理由：{filing.refusal_reasons}",
        notice=notice.pk,
    )
    return filing


@transaction.atomic
def filing_decline_jurisdiction(*, filing: Filing, user, competent_court: str, reason: str) -> Filing:
    """Not this court's case (钢城承诺四): one-time notice naming the competent court; materials returned."""
    filing = _locked(filing)
    _check_decidable(filing, user, can_decide_filing(filing, user))
    errors = [m for m, v in ((NO_COMPETENT_COURT, competent_court), (NO_REASON, reason)) if not v.strip()]
    if errors:
        raise ValidationError(errors)
    _claim_on_decision(filing, user)
    filing.competent_court = competent_court.strip()
    filing.decided_at, filing.decided_by = timezone.now(), user
    filing.decline_jurisdiction()
    _save_transition(filing, user)
    notice = _issue(
        filing,
        user,
        NoticeKind.JURISDICTION,
        snapshots.jurisdiction_snapshot(filing, user, reason=reason.strip()),
    )
    _event(
        filing,
        user,
        "not_competent",
        f"不属本院管辖，告知向{filing.competent_court}起诉，出具 {notice.number}",
        notice=notice.pk,
    )
    return filing


@transaction.atomic
def filing_withdraw(*, filing: Filing, user, reason: str) -> Filing:
    """The party withdraws at the window before a decision; the clerk records why."""
    filing = _locked(filing)
    _require(can_work_counter(user))
    if not reason.strip():
        raise ValidationError(NO_REASON)
    withdraw(filing, user=user, reason=reason, summary=f"当事人撤回立案申请：{reason.strip()}")
    return filing


def withdraw(filing: Filing, *, user, reason: str, summary: str) -> None:
    """Withdraw `filing` (still undecided) with `user` as the actor, and write `summary` to its timeline.

    Call inside transaction.atomic with `filing` from _locked() and the permission checked.
    """
    if filing.state not in (FilingState.RECEIVED, FilingState.UNDER_REVIEW, FilingState.AWAITING_CORRECTION):
        raise ValidationError(_already_decided(filing))
    filing.withdrawal_reason = reason.strip()
    filing.decided_at, filing.decided_by = timezone.now(), user
    filing.withdraw()
    _save_transition(filing, user)
    _event(filing, user, "withdrawn", summary)
