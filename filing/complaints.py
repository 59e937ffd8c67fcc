"""The generated complaint (电子诉状自动生成, 钢城承诺 一网办好): a 民事起诉状 from a draft's entries.

It holds what 登记立案规定 art. 4 asks of a civil complaint (DOMAIN §3): the plaintiffs with their identity
and contact, the defendants (and third parties), the agents, the claims, the facts and reasons, the evidence
with its sources and the witnesses with their domiciles, addressed 此致 to the court, with the 具状人 line and
the date. The filer downloads it, checks it, and adds it to the materials or uploads their own instead.
"""

from datetime import date

from django.utils import timezone

from courthall.pdf import render_pdf
from filing.models import AgentKind, Draft, IdType, PartyKind, PartyRole
from filing.selectors.drafts import draft_parties_and_agents

TEMPLATE = "filing/pdf/complaint.html"
TITLE = "民事起诉状"
GENERATED_NAME = "民事起诉状（系统生成）"

ROLE_HEADINGS = {
    PartyRole.PLAINTIFF: "原告",
    PartyRole.DEFENDANT: "被告",
    PartyRole.THIRD_PARTY: "第三人",
}


def _birth(value) -> str:
    try:
        born = date.fromisoformat(str(value)) if value else None
    except ValueError:
        return ""
    return f"{born.year}年{born.month}月{born.day}日出生" if born else ""


def _id_line(party) -> str:
    if not party.id_number:
        return ""
    if party.id_type == IdType.RESIDENT_ID:
        return f"公民身份号码{party.id_number}"
    if party.id_type == IdType.USCC:
        return f"统一社会信用代码{party.id_number}"
    label = dict(IdType.choices).get(party.id_type, "证件")
    return f"{label}号码{party.id_number}"


def party_line(party) -> str:
    """One party as a complaint introduces them (登记立案规定 art. 4 (1)(2))."""
    if party.kind == PartyKind.PERSON:
        parts = [party.sex, _birth(party.birth_date), party.ethnicity, party.occupation]
        parts.append(f"住{party.address}" if party.address else "")
    else:
        parts = [f"住所地{party.address}" if party.address else ""]
    parts += [_id_line(party), f"联系电话{party.phone}" if party.phone else ""]
    return "，".join(part for part in parts if part)


def representative_line(party) -> str:
    if party.kind == PartyKind.PERSON or not party.legal_representative:
        return ""
    title = "法定代表人" if party.kind == PartyKind.LEGAL_PERSON else "主要负责人"
    job = f"，{party.legal_representative_title}" if party.legal_representative_title else ""
    return f"{title}：{party.legal_representative}{job}。"


def agent_line(agent) -> str:
    if agent.kind == AgentKind.LAWYER:
        where = f"{agent.firm}律师" if agent.firm else "律师"
    else:
        where = dict(AgentKind.choices).get(agent.kind, "")
        if agent.firm:
            where += f"，{agent.firm}"
    phone = f"，联系电话{agent.phone}" if agent.phone else ""
    return f"委托诉讼代理人：{agent.name}，{where}{phone}。"


def _lines(text) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _structured(rows, fields) -> list[dict]:
    if not isinstance(rows, list):
        return []
    return [
        {field: str(row.get(field, "") or "").strip() for field in fields}
        for row in rows
        if isinstance(row, dict) and str(row.get(fields[0], "") or "").strip()
    ]


def complaint_context(draft: Draft, *, today=None) -> dict:
    """Plain data for the template (render_pdf wants no live models)."""
    data = draft.data if isinstance(draft.data, dict) else {}
    parties, agents = draft_parties_and_agents(draft)
    sections = []
    for role, heading in ROLE_HEADINGS.items():
        for index, party in enumerate(parties):
            if party.role != role:
                continue
            sections.append(
                {
                    "heading": heading,
                    "name": party.name.strip() or "（未填写）",
                    "details": party_line(party),
                    "representative": representative_line(party),
                    "agents": [agent_line(agent) for agent in agents if agent.party_index == index],
                }
            )
    plaintiffs = [party for party in parties if party.role == PartyRole.PLAINTIFF]
    opponents = sum(1 for party in parties if party.role != PartyRole.PLAINTIFF)
    return {
        "title": TITLE,
        "court_name": draft.court.name if draft.court_id else "",
        "parties": sections,
        "cause": (data.get("cause_name") or str(data.get("cause_text", "")).strip()),
        "claims": _lines(data.get("claims")),
        "facts": _lines(data.get("facts")),
        "evidence": _structured(data.get("evidence"), ("name", "source", "purpose")),
        "witnesses": _structured(data.get("witnesses"), ("name", "address")),
        "filers": [party.name.strip() for party in plaintiffs if party.name.strip()],
        "copies": opponents,
        "issued_on": today or timezone.localdate(),
    }


def complaint_pdf(draft: Draft) -> bytes:
    return render_pdf(TEMPLATE, complaint_context(draft))
