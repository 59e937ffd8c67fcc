"""Online filing (舞钢规范第七条, 第八条; 钢城承诺 一网办好): a portal user's draft becomes a Filing.

The same Filing, the same checks and the same documents as at the window: filing_create checks the
entries, the first round holds the uploaded files, and the receipt (材料收据) is issued at once by the
system. The filing then waits in the court's online queue with its three clocks (filing/clocks.py).
"""

from dataclasses import fields as dataclass_fields

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from filing.clocks import online_review_dates
from filing.enforcement import basis_input_from_draft
from filing.models import CauseOfAction, Channel, Draft, Filing, RoundKind, Upload
from filing.permissions import can_claim_filing, can_review_filings, can_submit_draft, portal_account_of
from filing.services.filings import (
    AgentInput,
    MaterialInput,
    PartyInput,
    _add_round,
    _event,
    _locked,
    _require,
    filing_create,
)

ALREADY_SUBMITTED = "该草稿已于{when}提交，请在“我的立案”中查看。"
NO_COURT = "请选择受理法院。"
NO_CASE_TYPE = "请选择案件类型。"
NO_UPLOADS = "请至少上传一份材料（起诉状等）。"
BAD_ENTRIES = "第{step}步的内容不完整或格式不对，请返回该步检查后再提交。"
NO_LAWYER = "实习律师须为本所一名已核验的执业律师提交，请选择该律师。"


def _inputs(cls, rows, step: str) -> list:
    """Dataclass inputs from the draft's JSON rows; anything malformed is the filer's to fix, not a 500."""
    if not isinstance(rows, list):
        raise ValidationError(BAD_ENTRIES.format(step=step))
    names = {field.name for field in dataclass_fields(cls)}
    inputs = []
    for row in rows:
        if not isinstance(row, dict) or not all(
            isinstance(value, str | bool | int | None) for value in row.values()
        ):
            raise ValidationError(BAD_ENTRIES.format(step=step))
        try:
            inputs.append(cls(**{key: value for key, value in row.items() if key in names}))
        except TypeError:
            raise ValidationError(BAD_ENTRIES.format(step=step)) from None
    return inputs


def _owner(draft: Draft, user):
    """Whose filing it is: the submitter, or for an intern the verified lawyer of their firm they file for
    (DOMAIN §9: the intern is not the party's agent; the lawyer is)."""
    account = portal_account_of(user)
    if account is None or account.kind != "intern":
        return user
    lawyer_id = draft.data.get("lawyer_id") if isinstance(draft.data, dict) else None
    lawyer = (
        get_user_model()
        .objects.filter(pk=lawyer_id or account.supervising_lawyer_id)
        .select_related("portal_account")
        .first()
    )
    lawyer_account = portal_account_of(lawyer) if lawyer else None
    if (
        lawyer_account is None
        or lawyer_account.kind != "lawyer"
        or not lawyer_account.can_submit
        or lawyer_account.firm.strip() != account.firm.strip()
    ):
        raise ValidationError(NO_LAWYER)
    return lawyer


@transaction.atomic
def filing_submit_online(*, draft: Draft, user, business_environment: bool = False) -> Filing:
    """Submit `draft`: stamp the received time, create the filing, keep the uploads as its first round
    and issue the receipt. An intern's filing belongs to the lawyer chosen in the draft (DOMAIN §9)."""
    draft = (
        Draft.objects.select_for_update(of=("self",)).select_related("court", "case_type").get(pk=draft.pk)
    )
    if draft.filing_id is not None:
        submitted_at = timezone.localtime(draft.filing.received_at).strftime("%Y年%m月%d日 %H:%M")
        raise ValidationError(ALREADY_SUBMITTED.format(when=submitted_at))
    decision = can_submit_draft(draft, user)
    if not decision:
        raise PermissionDenied(decision.reason)
    errors = []
    if draft.court is None:
        errors.append(NO_COURT)
    if draft.case_type is None:
        errors.append(NO_CASE_TYPE)
    uploads = list(draft.uploads.select_related("checklist_item").order_by("pk"))
    if not uploads:
        errors.append(NO_UPLOADS)
    if errors:
        raise ValidationError(errors)

    data = draft.data if isinstance(draft.data, dict) else {}
    # 肩并肩: the clerk presses "submit" for the party, who confirmed it by SMS code (can_submit_draft);
    # the filing is the party's, submitted by the party, helped by the clerk.
    by_helper = draft.helped_by_id is not None and draft.helped_by_id == user.pk
    submitter = draft.owner if by_helper else user
    owner = draft.owner if by_helper else _owner(draft, user)
    materials = [
        MaterialInput(name=upload.name, pages=upload.pages, checklist_item_id=upload.checklist_item_id)
        for upload in uploads
    ]
    filing = filing_create(
        court=draft.court,
        user=user,
        case_type=draft.case_type,
        claims=str(data.get("claims", "")),
        facts=str(data.get("facts", "")),
        cause=CauseOfAction.objects.filter(pk=data.get("cause_id")).first() if data.get("cause_id") else None,
        cause_text=str(data.get("cause_text", "")),
        amount_in_dispute=data.get("amount_in_dispute"),
        parties=_inputs(PartyInput, data.get("parties", []), "当事人"),
        agents=_inputs(AgentInput, data.get("agents", []), "代理人"),
        materials=materials,
        enforcement_basis=basis_input_from_draft(data),
        fields={
            "channel": Channel.ONLINE,
            "owner": owner,
            "submitted_by": submitter,
            "helped_by": draft.helped_by,
            "business_environment": business_environment,
        },
    )
    filing.online_review_due_on, filing.online_review_limit_on = online_review_dates(filing.received_at)
    filing.save(update_fields=["online_review_due_on", "online_review_limit_on"])
    who = submitter.get_full_name()
    summary = f"网上提交{draft.case_type.name}立案申请（提交人 {who}"
    if owner != submitter:
        summary += f"，代理律师 {owner.get_full_name()}"
    event_data = {"draft": draft.pk}
    if draft.helped_by_id:
        summary += f"，窗口工作人员{draft.helped_by.get_full_name()}协助填写"
        if by_helper:
            summary += "，当事人短信验证码确认"
            event_data["party_confirmed_at"] = draft.party_confirmed_at.isoformat()
    _event(filing, user, "submitted_online", summary + "）", **event_data)
    round_ = _add_round(
        filing,
        user=user,
        kind=RoundKind.INITIAL,
        submitter_name=who,
        materials=materials,
        automatic=True,
    )
    Upload.objects.filter(pk__in=[upload.pk for upload in uploads]).update(round=round_)
    draft.filing = filing
    draft._history_user = user
    draft.save(update_fields=["filing", "updated_at"])
    return filing


@transaction.atomic
def filing_claim(*, filing: Filing, user) -> Filing:
    """A clerk takes an online filing from the queue and becomes its first receiver (首接负责制, 舞钢规范
    第五条): responsible for it to the end. Deciding on an unclaimed filing claims it too
    (filing.services.filings._claim_on_decision). Someone else's filing is refused with their name; a
    second click by the same clerk changes nothing."""
    filing = _locked(filing)
    _require(can_review_filings(user))
    decision = can_claim_filing(filing, user)
    if not decision:
        raise ValidationError(decision.reason)
    if filing.first_receiver_id == user.pk:
        return filing
    filing.first_receiver = user
    filing._history_user = user
    filing.save(update_fields=["first_receiver", "updated_at"])
    _event(filing, user, "claimed", f"认领网上立案申请（首接负责制），首接负责人 {user.get_full_name()}")
    return filing
