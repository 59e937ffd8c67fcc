"""Reads of a portal user's draft: the draft itself (a 404 for anyone but its owner and the helping clerk),
its checklist, the lawyers an intern may file for, and what still stands in the way of submitting it.

The problems are worked out from the entries each time they are shown, with the same checks filing_create
and filing_submit_online apply, so that the confirm page lists exactly what submitting would refuse.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from courthall.models import PortalAccountKind
from filing import enforcement
from filing.models import (
    AgentKind,
    ChecklistItem,
    Draft,
    DraftStep,
    MaterialCondition,
    PartyKind,
    PartyRole,
    Upload,
)
from filing.permissions import portal_account_of
from filing.services.filings import (
    AGENT_KIND_REQUIRED,
    AGENT_NAME_REQUIRED,
    BAD_AMOUNT,
    NO_CAUSE,
    NO_CLAIMS,
    NO_DEFENDANT,
    NO_PLAINTIFF,
    AgentInput,
    PartyInput,
    _clean_amount,
    _clean_party,
    markup_errors,
)
from filing.services.online import NO_CASE_TYPE, NO_COURT, NO_UPLOADS, _inputs, _owner

POWER_OF_ATTORNEY = "授权委托书"
FIRM_LETTER = "律师事务所函"
NO_POWER_OF_ATTORNEY = "律师代理立案须上传当事人签名或盖章的授权委托书（登记立案规定第六条）。"
NO_FIRM_LETTER = "律师代理立案须上传律师事务所函（舞钢规范第八条）。"
NO_COMPLAINT = "请上传{name}，或在本页“生成起诉状并加入材料”。"
MISSING_MATERIAL = "尚未上传“{name}”：可以先提交，法院审查时将一次性告知补正。"
NO_FACTS = "建议填写事实和理由（登记立案规定第四条），法院据此审查起诉条件。"
NO_REPRESENTED_PARTY = "请选择您代理的当事人。"
CHOOSE_LAWYER = "请选择您为之提交的本所执业律师。"


@dataclass(frozen=True)
class Problem:
    step: str
    message: str
    blocking: bool = True

    @property
    def step_label(self) -> str:
        return DraftStep(self.step).label


def draft_get_for_user(*, pk: int, user) -> Draft:
    """The draft if `user` is its owner or the clerk helping them (肩并肩); else a 404, submitted or not."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    draft = (
        Draft.objects.select_related("court", "case_type", "owner__portal_account", "filing")
        .filter(pk=pk)
        .first()
    )
    if draft is None or user.pk not in (draft.owner_id, draft.helped_by_id):
        raise Http404
    return draft


def draft_uploads(draft: Draft) -> list[Upload]:
    return list(draft.uploads.select_related("checklist_item").order_by("pk"))


def draft_checklist(draft: Draft) -> list[ChecklistItem]:
    if draft.case_type_id is None:
        return []
    return list(ChecklistItem.objects.filter(case_type_id=draft.case_type_id).order_by("sort_order", "pk"))


def complaint_item(items: list[ChecklistItem]) -> ChecklistItem | None:
    """The checklist's complaint (起诉状, 刑事自诉状, 申请执行书): the first original every filing carries."""
    return next(
        (item for item in items if item.condition == MaterialCondition.ALWAYS and item.original_required),
        None,
    )


def owner_kind(draft: Draft) -> str | None:
    account = portal_account_of(draft.owner)
    return account.kind if account else None


def is_lawyer_filing(draft: Draft) -> bool:
    """Filed by a lawyer, or by an intern for a lawyer: it must carry the power of attorney and the letter."""
    return owner_kind(draft) in (PortalAccountKind.LAWYER, PortalAccountKind.INTERN)


def firm_lawyers_for(user) -> QuerySet:
    """The verified, active lawyers of an intern's firm: those the intern may file for (DOMAIN §9)."""
    account = portal_account_of(user)
    if account is None or not account.firm.strip():
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            portal_account__kind=PortalAccountKind.LAWYER,
            portal_account__firm=account.firm.strip(),
            portal_account__verified_at__isnull=False,
            portal_account__mobile_confirmed_at__isnull=False,
        )
        .select_related("portal_account")
        .order_by("full_name", "pk")
    )


def draft_lawyer(draft: Draft):
    """The lawyer the draft's filing is recorded under: the owner, or for an intern the chosen lawyer."""
    kind = owner_kind(draft)
    if kind == PortalAccountKind.LAWYER:
        return draft.owner
    if kind == PortalAccountKind.INTERN:
        lawyer_id = draft.data.get("lawyer_id") if isinstance(draft.data, dict) else None
        return firm_lawyers_for(draft.owner).filter(pk=lawyer_id).first() if lawyer_id else None
    return None


def lawyer_agent_row(lawyer, *, party_index: int, special_authority: bool) -> dict:
    """The agent entry of the lawyer filing (an AgentInput as JSON), taken from the verified account."""
    account = portal_account_of(lawyer)
    return {
        "party_index": party_index,
        "kind": AgentKind.LAWYER,
        "name": lawyer.get_full_name(),
        "phone": lawyer.mobile or "",
        "licence_number": account.licence_number if account else "",
        "firm": account.firm if account else "",
        "special_authority": special_authority,
        "from_account": True,
    }


def _rows(draft: Draft, key: str) -> list:
    value = draft.data.get(key, []) if isinstance(draft.data, dict) else []
    return value if isinstance(value, list) else []


def draft_problems(draft: Draft, *, uploads: list[Upload], items: list[ChecklistItem]) -> list[Problem]:
    """What submitting would refuse (blocking) and what the filer should know (not blocking), by step."""
    data = draft.data if isinstance(draft.data, dict) else {}
    problems = []

    def add(step, messages, blocking=True):
        problems.extend(Problem(step, message, blocking) for message in messages)

    # Case
    if draft.court_id is None:
        add(DraftStep.CASE, [NO_COURT])
    if draft.case_type_id is None:
        add(DraftStep.CASE, [NO_CASE_TYPE])
    if not data.get("cause_id") and not str(data.get("cause_text", "")).strip():
        add(DraftStep.CASE, [NO_CAUSE])
    try:
        _clean_amount(data.get("amount_in_dispute"))
    except ValidationError:
        bad_amount = (
            enforcement.BAD_ENFORCEMENT_AMOUNT if enforcement.requires_basis(draft.case_type) else BAD_AMOUNT
        )
        add(DraftStep.CASE, [bad_amount])

    # Parties: filing_create's own checks, party by party
    parties = []
    try:
        parties = _inputs(PartyInput, _rows(draft, "parties"), DraftStep.PARTIES.label)
    except ValidationError as error:
        add(DraftStep.PARTIES, error.messages)
    for index, party in enumerate(parties):
        try:
            _clean_party(index, party)
        except ValidationError as error:
            add(DraftStep.PARTIES, error.messages)
    roles = [party.role for party in parties]
    if PartyRole.PLAINTIFF not in roles:
        add(DraftStep.PARTIES, [NO_PLAINTIFF])
    requires_defendant = draft.case_type.requires_defendant if draft.case_type_id else True
    if requires_defendant and PartyRole.DEFENDANT not in roles:
        add(DraftStep.PARTIES, [NO_DEFENDANT])

    # Agents
    agents = []
    try:
        agents = _inputs(AgentInput, _rows(draft, "agents"), DraftStep.AGENTS.label)
    except ValidationError as error:
        add(DraftStep.AGENTS, error.messages)
    for number, agent in enumerate(agents, start=1):
        who = f"代理人 {agent.name}" if agent.name.strip() else f"第{number}名代理人"
        if not agent.name.strip():
            add(DraftStep.AGENTS, [f"{who}：{AGENT_NAME_REQUIRED}"])
        if not agent.kind:
            add(DraftStep.AGENTS, [f"{who}：{AGENT_KIND_REQUIRED}"])
        if not 0 <= agent.party_index < len(parties):
            add(DraftStep.AGENTS, [f"{who}：请选择其代理的当事人。"])
    if is_lawyer_filing(draft):
        if owner_kind(draft) == PortalAccountKind.INTERN:
            try:
                _owner(draft, draft.owner)
            except ValidationError as error:
                add(DraftStep.AGENTS, error.messages)
        if not any(row.get("from_account") for row in _rows(draft, "agents") if isinstance(row, dict)):
            add(DraftStep.AGENTS, [NO_REPRESENTED_PARTY])
    add(DraftStep.PARTIES, markup_errors(parties=parties))
    add(DraftStep.AGENTS, markup_errors(agents=agents))

    # Claims, facts and reasons
    if not str(data.get("claims", "")).strip():
        add(DraftStep.CLAIMS, [NO_CLAIMS])
    if not str(data.get("facts", "")).strip():
        add(DraftStep.CLAIMS, [NO_FACTS], blocking=False)
    # 执: the 执行依据, checked as filing_create will check it (钢城承诺四: no certificate of effectiveness)
    _, basis_errors = enforcement.clean_basis(
        draft.case_type, enforcement.basis_input_from_draft(data), today=timezone.localdate()
    )
    add(DraftStep.CLAIMS, basis_errors)

    # Materials
    problems.extend(_material_problems(draft, uploads=uploads, items=items, parties=parties, agents=agents))
    return problems


def _material_problems(draft, *, uploads, items, parties, agents) -> list[Problem]:
    step = DraftStep.MATERIALS
    if not uploads:
        return [Problem(step, NO_UPLOADS)]
    problems = []
    held = {upload.checklist_item_id for upload in uploads}
    complaint = complaint_item(items)
    if complaint is not None and complaint.pk not in held:
        problems.append(Problem(step, NO_COMPLAINT.format(name=complaint.name)))
    if is_lawyer_filing(draft):
        if not any(_is(upload, POWER_OF_ATTORNEY) for upload in uploads):
            problems.append(Problem(step, NO_POWER_OF_ATTORNEY))
        if not any(FIRM_LETTER in upload.name for upload in uploads):
            problems.append(Problem(step, NO_FIRM_LETTER))
    for item in items:
        if item is complaint or (item.name == POWER_OF_ATTORNEY and is_lawyer_filing(draft)):
            continue
        if item.pk not in held and item_applies(item, parties=parties, agents=agents):
            problems.append(Problem(step, MISSING_MATERIAL.format(name=item.name), blocking=False))
    return problems


def _is(upload: Upload, name: str) -> bool:
    item = upload.checklist_item
    return (item is not None and item.name == name) or name in upload.name


def item_applies(item: ChecklistItem, *, parties, agents) -> bool:
    """Whether the checklist item is required of this filing (MaterialCondition)."""
    plaintiffs = [party for party in parties if party.role == PartyRole.PLAINTIFF]
    if item.condition == MaterialCondition.WHEN_AGENT:
        return bool(agents)
    if item.condition == MaterialCondition.WHEN_PERSON:
        return any(party.kind == PartyKind.PERSON for party in plaintiffs)
    if item.condition == MaterialCondition.WHEN_ORGANISATION:
        return any(party.kind != PartyKind.PERSON for party in plaintiffs)
    return True


def draft_parties_and_agents(draft: Draft) -> tuple[list[PartyInput], list[AgentInput]]:
    """The entries as inputs, leaving out what is malformed (draft_problems names it)."""
    try:
        parties = _inputs(PartyInput, _rows(draft, "parties"), "")
    except ValidationError:
        parties = []
    try:
        agents = _inputs(AgentInput, _rows(draft, "agents"), "")
    except ValidationError:
        agents = []
    return parties, agents
