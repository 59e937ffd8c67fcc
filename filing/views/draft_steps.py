"""The steps of the portal's online filing (filing.views.drafts dispatches to them): one function per
step, each parsing its form, saving through filing.services.drafts and redirecting where the button leads.
"""

import dataclasses

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from filing.complaints import complaint_context
from filing.enforcement import DRAFT_KEY, basis_input_from_draft, requires_basis
from filing.forms.online import (
    AgentRowsClass,
    BasisStepForm,
    CaseStepForm,
    ClaimsForm,
    EvidenceRowsClass,
    LawyerAgentForm,
    MaterialsForm,
    PartyRowsClass,
    WitnessRowsClass,
    party_row_initial,
)
from filing.models import DraftStep, InstrumentKind, PartyRole
from filing.permissions import can_submit_draft
from filing.selectors.drafts import (
    POWER_OF_ATTORNEY,
    complaint_item,
    draft_checklist,
    draft_lawyer,
    draft_parties_and_agents,
    draft_problems,
    draft_uploads,
    firm_lawyers_for,
    is_lawyer_filing,
    item_applies,
    lawyer_agent_row,
    owner_kind,
)
from filing.services import drafts as services

STEPS = services.STEPS
SAVED = "已保存。"
SAVED_WITH_GAPS = "已保存。“{step}”还有 {count} 项需要补充，可以先填写其他步骤，提交前补全即可。"
COMPLAINT_ADDED = (
    "已根据填写内容生成民事起诉状，并作为“{name}”加入材料。请下载核对，如有错误，修改后重新生成。"
)
UPLOADED = "已上传 {count} 份材料。"
REMOVED = "已删除材料“{name}”。"


# --- Common to every step -------------------------------------------------------------------------


def _target(draft, step: str, action: str) -> str:
    """Where a button leads: the next or previous step, a step of the navigation, or back here."""
    index = STEPS.index(step)
    if action == "next":
        return STEPS[min(index + 1, len(STEPS) - 1)]
    if action == "back":
        return STEPS[max(index - 1, 0)]
    if action.startswith("goto:") and action[5:] in STEPS:
        return action[5:]
    return step


def _saved(
    request, draft, step: str, values: dict, *, fields=None, stay_query: str = "", announce: bool = True
) -> HttpResponse:
    """Save `values`, say what is still missing in this step, and follow the button."""
    action = request.POST.get("action", "save")
    target = _target(draft, step, action)
    draft = services.draft_save_step(
        draft=draft, user=request.user, step=step, values=values, fields=fields, go_to=target
    )
    gaps = [p for p in _problems(draft) if p.step == step and p.blocking]
    if gaps and target != step:
        messages.warning(request, SAVED_WITH_GAPS.format(step=DraftStep(step).label, count=len(gaps)))
    elif announce and (action in ("save", "next", "back") or action.startswith("goto:")):
        messages.success(request, SAVED)
    url = redirect("filing:draft_step", pk=draft.pk, step=target).url
    return redirect(url + (stay_query if target == step else ""))


def _problems(draft, uploads=None, items=None):
    return draft_problems(
        draft,
        uploads=draft_uploads(draft) if uploads is None else uploads,
        items=draft_checklist(draft) if items is None else items,
    )


def _page(
    request, draft, step: str, context: dict, *, uploads=None, items=None, problems=None
) -> HttpResponse:
    if problems is None:
        problems = _problems(draft, uploads, items)
    saved = set(draft.data.get("saved_steps", [])) if isinstance(draft.data, dict) else set()
    steps = [
        {
            "value": value,
            "label": label,
            "number": index + 1,
            "current": value == step,
            "complete": value in saved and not any(p.step == value and p.blocking for p in problems),
            "gaps": sum(1 for p in problems if p.step == value and p.blocking),
        }
        for index, (value, label) in enumerate(DraftStep.choices)
    ]
    return render(
        request,
        f"filing/drafts/{step}.html",
        {
            "draft": draft,
            "step": step,
            "step_label": DraftStep(step).label,
            "steps": steps,
            "step_problems": [p for p in problems if p.step == step],
            "problems": problems,
            "is_first": step == STEPS[0],
            "lawyer_filing": is_lawyer_filing(draft),
            **context,
        },
    )


def _rows(draft, key: str) -> list[dict]:
    rows = draft.data.get(key, []) if isinstance(draft.data, dict) else []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _removed(action: str, prefix: str) -> int | None:
    if action.startswith(f"remove_{prefix}:"):
        try:
            return int(action.split(":", 1)[1])
        except ValueError:
            return None
    return None


def _blank(values: dict, keys) -> bool:
    return not any(str(values.get(key) or "").strip() for key in keys)


# --- Steps ----------------------------------------------------------------------------------------


def _case(request, draft):
    data = draft.data if isinstance(draft.data, dict) else {}
    if request.method == "POST":
        form = CaseStepForm(request.POST, case_type=None)
        if form.is_valid():
            cleaned = form.cleaned_data
            cause = cleaned["cause"]
            values = {
                "cause_id": cause.pk if cause else None,
                "cause_name": cause.name if cause else "",
                "cause_text": cleaned["cause_text"].strip(),
                "amount_in_dispute": cleaned["amount_in_dispute"].strip(),
                "business_environment": cleaned["business_environment"],
            }
            fields = {"court": cleaned["court"], "case_type": cleaned["case_type"]}
            return _saved(request, draft, DraftStep.CASE, values, fields=fields)
    else:
        form = CaseStepForm(
            initial={
                "court": draft.court_id,
                "case_type": draft.case_type_id,
                "cause": data.get("cause_id"),
                "cause_text": data.get("cause_text", ""),
                "amount_in_dispute": data.get("amount_in_dispute", ""),
                "business_environment": data.get("business_environment", False),
            },
            case_type=draft.case_type,
        )
    return _page(request, draft, DraftStep.CASE, {"form": form})


PARTY_TEXT = ("name", "id_number", "phone", "address", "occupation", "legal_representative")


def _party_row(form) -> dict:
    row = dataclasses.asdict(form.as_input())
    if row.get("birth_date") is not None:
        row["birth_date"] = row["birth_date"].isoformat()
    return row


def _parties(request, draft):
    rows = _rows(draft, "parties")
    if request.method == "POST":
        formset = PartyRowsClass(request.POST, prefix="parties")
        if formset.is_valid():
            action = request.POST.get("action", "save")
            removed = _removed(action, "party")
            kept, agents = [], _rows(draft, "agents")
            for index, form in enumerate(formset.forms):
                row = _party_row(form)
                if index == removed or _blank(row, PARTY_TEXT):
                    # The agents keep pointing at the same people.
                    agents = [_shift(agent, len(kept)) for agent in agents]
                    continue
                kept.append(row)
            values = {"parties": kept, "agents": agents}
            return _saved(
                request, draft, DraftStep.PARTIES, values, stay_query="?add=1" if action == "add" else ""
            )
    else:
        initial = list(rows)
        if not initial:
            initial = [party_row_initial(0, []), party_row_initial(1, [{"role": PartyRole.PLAINTIFF}])]
        elif request.GET.get("add"):
            initial.append(party_row_initial(len(rows), rows))
        formset = PartyRowsClass(prefix="parties", initial=initial)
    return _page(request, draft, DraftStep.PARTIES, {"formset": formset})


def _shift(agent: dict, removed_index: int) -> dict:
    """An agent row after the party at `removed_index` was taken out: later parties move up one."""
    index = agent.get("party_index")
    if not isinstance(index, int):
        return agent
    if index == removed_index:
        return {**agent, "party_index": -1}
    return {**agent, "party_index": index - 1} if index > removed_index else agent


def _party_choices(draft) -> list[tuple[str, str]]:
    roles = dict(PartyRole.choices)
    return [
        (str(index), f"{row.get('name') or f'第{index + 1}名当事人'}（{roles.get(row.get('role'), '')}）")
        for index, row in enumerate(_rows(draft, "parties"))
    ]


AGENT_TEXT = ("name", "id_number", "phone", "licence_number", "firm")


def _agents(request, draft):
    choices = _party_choices(draft)
    kind = owner_kind(draft)
    lawyer_filing = is_lawyer_filing(draft)
    lawyers = firm_lawyers_for(draft.owner) if kind == "intern" else None
    agents = _rows(draft, "agents")
    own = next((row for row in agents if row.get("from_account")), None)
    others = [row for row in agents if not row.get("from_account")]
    if request.method == "POST":
        lawyer_form = (
            LawyerAgentForm(request.POST, prefix="lawyer", party_choices=choices, lawyers=lawyers)
            if lawyer_filing
            else None
        )
        formset = AgentRowsClass(request.POST, prefix="agents", party_choices=choices)
        if formset.is_valid() and (lawyer_form is None or lawyer_form.is_valid()):
            action = request.POST.get("action", "save")
            removed = _removed(action, "agent")
            rows, values = [], {}
            if lawyer_form is not None:
                cleaned = lawyer_form.cleaned_data
                lawyer = draft.owner
                if lawyers is not None:
                    lawyer = cleaned["lawyer"]
                    values["lawyer_id"] = lawyer.pk if lawyer else None
                if lawyer is not None and cleaned["party"] != "":
                    rows.append(
                        lawyer_agent_row(
                            lawyer,
                            party_index=int(cleaned["party"]),
                            special_authority=cleaned["special_authority"],
                        )
                    )
            for index, form in enumerate(formset.forms):
                data = form.cleaned_data
                if index == removed or _blank(data, AGENT_TEXT):
                    continue
                row = {key: data[key] for key in (*AGENT_TEXT, "kind", "special_authority")}
                rows.append({**row, "party_index": int(data["party"]) if data["party"] != "" else -1})
            values["agents"] = rows
            return _saved(
                request, draft, DraftStep.AGENTS, values, stay_query="?add=1" if action == "add" else ""
            )
    else:
        lawyer_form = None
        if lawyer_filing:
            first_plaintiff = next((value for value, label in choices if "（原告）" in label), "")
            lawyer_form = LawyerAgentForm(
                prefix="lawyer",
                party_choices=choices,
                lawyers=lawyers,
                initial={
                    "lawyer": draft.data.get("lawyer_id") if isinstance(draft.data, dict) else None,
                    "party": str(own["party_index"]) if own else first_plaintiff,
                    "special_authority": own.get("special_authority", False) if own else False,
                },
            )
        initial = [{**row, "party": str(row.get("party_index", ""))} for row in others]
        if request.GET.get("add") or (not initial and not lawyer_filing):
            initial.append({})
        formset = AgentRowsClass(prefix="agents", initial=initial, party_choices=choices)
    context = {
        "formset": formset,
        "lawyer_form": lawyer_form,
        "lawyer": draft_lawyer(draft),
        "owner_kind": kind,
    }
    return _page(request, draft, DraftStep.AGENTS, context)


EVIDENCE_TEXT = ("name", "source", "purpose")
WITNESS_TEXT = ("name", "address")


def _claims(request, draft):
    data = draft.data if isinstance(draft.data, dict) else {}
    # 执: the application names its 执行依据 here (钢城承诺四: no certificate of effectiveness is asked for).
    needs_basis = requires_basis(draft.case_type)
    if request.method == "POST":
        form = ClaimsForm(request.POST, case_type=draft.case_type)
        evidence = EvidenceRowsClass(request.POST, prefix="evidence")
        witnesses = WitnessRowsClass(request.POST, prefix="witnesses")
        basis = BasisStepForm(request.POST) if needs_basis else None
        parts = [form, evidence, witnesses, *([basis] if basis else [])]
        if all([part.is_valid() for part in parts]):
            action = request.POST.get("action", "save")

            def kept(formset, prefix, keys):
                removed = _removed(action, prefix)
                return [
                    {key: f.cleaned_data.get(key, "").strip() for key in keys}
                    for index, f in enumerate(formset.forms)
                    if index != removed and not _blank(f.cleaned_data, keys)
                ]

            values = {
                "claims": form.cleaned_data["claims"].strip(),
                "facts": form.cleaned_data["facts"].strip(),
                "evidence": kept(evidence, "evidence", EVIDENCE_TEXT),
                "witnesses": kept(witnesses, "witness", WITNESS_TEXT),
            }
            if basis is not None:
                values[DRAFT_KEY] = basis.as_draft_row()
            query = {"add_evidence": "?add=evidence", "add_witness": "?add=witness"}.get(action, "")
            return _saved(request, draft, DraftStep.CLAIMS, values, stay_query=query)
    else:
        form = ClaimsForm(
            initial={"claims": data.get("claims", ""), "facts": data.get("facts", "")},
            case_type=draft.case_type,
        )
        basis = BasisStepForm(initial=BasisStepForm.initial_from_draft(data)) if needs_basis else None
        evidence_rows, witness_rows = _rows(draft, "evidence"), _rows(draft, "witnesses")
        if not evidence_rows or request.GET.get("add") == "evidence":
            evidence_rows = [*evidence_rows, {}]
        if not witness_rows or request.GET.get("add") == "witness":
            witness_rows = [*witness_rows, {}]
        evidence = EvidenceRowsClass(prefix="evidence", initial=evidence_rows)
        witnesses = WitnessRowsClass(prefix="witnesses", initial=witness_rows)
    return _page(
        request,
        draft,
        DraftStep.CLAIMS,
        {"form": form, "evidence": evidence, "witnesses": witnesses, "basis": basis},
    )


def _materials(request, draft):
    items = draft_checklist(draft)
    lawyer_filing = is_lawyer_filing(draft)
    form = MaterialsForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        items=items,
        firm_letter=lawyer_filing,
    )
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action.startswith("remove:"):
                return _remove_upload(request, draft, action)
            if action == "generate":
                upload = services.draft_attach_complaint(draft=draft, user=request.user)
                messages.success(request, COMPLAINT_ADDED.format(name=upload.checklist_item.name))
                return redirect("filing:draft_step", pk=draft.pk, step=DraftStep.MATERIALS)
            if form.is_valid():
                stored = services.draft_add_uploads(
                    draft=draft, user=request.user, files=form.files_to_store()
                )
                if stored:
                    messages.success(request, UPLOADED.format(count=len(stored)))
                return _saved(request, draft, DraftStep.MATERIALS, {}, announce=not stored)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    uploads = draft_uploads(draft)
    parties, agents = draft_parties_and_agents(draft)
    complaint = complaint_item(items)
    slots = [
        {
            "item": item,
            "field": form[f"item_{item.pk}"],
            "required": item_applies(item, parties=parties, agents=agents),
            "insisted": item == complaint or (lawyer_filing and item.name == POWER_OF_ATTORNEY),
            "uploads": [u for u in uploads if u.checklist_item_id == item.pk],
            "is_complaint": item == complaint,
        }
        for item in items
    ]
    others = [
        u for u in uploads if u.checklist_item_id is None or u.checklist_item_id not in {i.pk for i in items}
    ]
    context = {
        "form": form,
        "slots": slots,
        "firm_letters": [u for u in others if "律师事务所函" in u.name],
        "others": [u for u in others if "律师事务所函" not in u.name],
        "can_generate": draft.case_type is not None
        and draft.case_type.category == "civil"
        and complaint is not None,
    }
    return _page(request, draft, DraftStep.MATERIALS, context, uploads=uploads, items=items)


def _remove_upload(request, draft, action: str) -> HttpResponse:
    try:
        upload_pk = int(action.split(":", 1)[1])
    except ValueError:
        raise Http404 from None
    upload = draft.uploads.filter(pk=upload_pk).first()
    if upload is None:
        raise Http404
    services.draft_remove_upload(draft=draft, upload=upload, user=request.user)
    messages.success(request, REMOVED.format(name=upload.name))
    return redirect("filing:draft_step", pk=draft.pk, step=DraftStep.MATERIALS)


def _confirm(request, draft):
    if request.method == "POST":  # the step links on this page: nothing to save here
        return redirect(
            "filing:draft_step",
            pk=draft.pk,
            step=_target(draft, DraftStep.CONFIRM, request.POST.get("action", "")),
        )
    uploads = draft_uploads(draft)
    items = draft_checklist(draft)
    context = {
        "summary": complaint_context(draft, today=timezone.localdate()),
        "uploads": uploads,
        "data": draft.data if isinstance(draft.data, dict) else {},
        "submit_decision": can_submit_draft(draft, request.user),
        "needs_basis": requires_basis(draft.case_type),
        "basis": basis_input_from_draft(draft.data),
        "instruments": dict(InstrumentKind.choices),
        "can_generate": draft.case_type is not None and draft.case_type.category == "civil",
    }
    problems = _problems(draft, uploads, items)
    context["blocking_problems"] = [p for p in problems if p.blocking]
    context["notes"] = [p for p in problems if not p.blocking]
    return _page(request, draft, DraftStep.CONFIRM, context, problems=problems)


STEP_VIEWS = {
    DraftStep.CASE: _case,
    DraftStep.PARTIES: _parties,
    DraftStep.AGENTS: _agents,
    DraftStep.CLAIMS: _claims,
    DraftStep.MATERIALS: _materials,
    DraftStep.CONFIRM: _confirm,
}
