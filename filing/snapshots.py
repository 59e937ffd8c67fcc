"""What each document shows, taken from a filing at the moment it is issued (notices renders only this)."""

import re

from django.conf import settings
from django.utils import timezone

from filing.models import Filing, PartyRole, SubmissionRound
from notices.kinds import court_snapshot
from notices.models import NoticeKind

# Who signs a document the system issues by itself (the receipt of an online submission).
SYSTEM_CLERK = "网上立案系统（自动出具）"


def _common(filing: Filing, user, *, automatic: bool = False) -> dict:
    if automatic:
        clerk = {"name": SYSTEM_CLERK, "phone": filing.court.hotline_phone}
    else:
        clerk = {"name": user.get_full_name(), "phone": user.mobile or filing.court.hotline_phone}
    return {
        "court": court_snapshot(filing.court),
        "issued_on": timezone.localdate().isoformat(),
        "clerk": clerk,
    }


def _names(filing: Filing, role: str) -> list[str]:
    return [party.name for party in filing.parties.all() if party.role == role]


def _matter(filing: Filing) -> dict:
    return {
        "plaintiffs": _names(filing, PartyRole.PLAINTIFF),
        "defendants": _names(filing, PartyRole.DEFENDANT),
        "cause": filing.cause_name,
    }


def addressee_of(filing: Filing) -> str:
    """Documents go to the filer: the first plaintiff (起诉人)."""
    plaintiffs = _names(filing, PartyRole.PLAINTIFF)
    return "、".join(plaintiffs) or "起诉人"


def receipt_snapshot(filing: Filing, round_: SubmissionRound, user, *, automatic: bool = False) -> dict:
    return {
        **_common(filing, user, automatic=automatic),
        "submitter": round_.submitter_name,
        "received_at": timezone.localtime(round_.received_at).isoformat(),
        "round": round_.number,
        "filing_ref": f"收件第{filing.pk}号",
        "materials": [
            {"name": item.name, "copies": item.copies, "pages": item.pages, "original": item.is_original}
            for item in round_.items.all()
        ],
    }


def correction_snapshot(filing: Filing, request, user) -> dict:
    return {
        **_common(filing, user),
        "addressee": addressee_of(filing),
        "matter": _matter(filing),
        "received_on": timezone.localdate(filing.received_at).isoformat(),
        "items": [
            {"material": item.material, "problem": item.problem, "provide": item.provide}
            for item in request.items.all()
        ],
        "deadline_on": request.deadline_on.isoformat(),
        "follow_up": request.follow_up,
    }


def acceptance_snapshot(filing: Filing, user) -> dict:
    matter = _matter(filing)
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "addressee": addressee_of(filing),
        "plaintiffs": matter["plaintiffs"],
        "defendants": matter["defendants"],
        "application": None if matter["defendants"] else application_name(filing.case_type.name),
        "cause": matter["cause"],
        "fee_total": None if filing.fee_total is None else f"{filing.fee_total:.2f}",
        "registered_on": timezone.localdate(filing.registered_at).isoformat(),
    }


def application_name(case_type_name: str) -> str:
    """What an application without a respondent asks for, from its case type's name:
    民事特别程序案件（含调解协议司法确认） → 民事特别程序, 诉前调解司法确认案件 → 诉前调解司法确认."""
    return re.sub(r"（[^）]*）", "", case_type_name).removesuffix("案件")


def acceptance_of(filing: Filing, user) -> tuple[str, dict]:
    """The acceptance notice registering `filing` issues, and its snapshot: 受理执行案件通知书 for an
    application for enforcement (执), 受理案件通知书 for anything else."""
    basis = getattr(filing, "enforcement_basis", None)
    if basis is None:
        return NoticeKind.ACCEPTANCE, acceptance_snapshot(filing, user)
    return NoticeKind.ENFORCEMENT, enforcement_acceptance_snapshot(filing, basis, user)


def enforcement_acceptance_snapshot(filing: Filing, basis, user) -> dict:
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "addressee": addressee_of(filing),
        "applicants": _names(filing, PartyRole.PLAINTIFF),
        "respondents": _names(filing, PartyRole.DEFENDANT),
        "basis": {
            "issuer": basis.issuer,
            "case_number": basis.case_number,
            "instrument": basis.get_instrument_display(),
        },
        "amount": None if filing.amount_in_dispute is None else f"{filing.amount_in_dispute:.2f}",
        # 诉讼费用交纳办法 art. 20: the applicant advances nothing; the fee is paid after enforcement.
        "fee_total": None if filing.fee_total is None else f"{filing.fee_total:.2f}",
        "registered_on": timezone.localdate(filing.registered_at).isoformat(),
    }


def fee_snapshot(filing: Filing, user, *, basis: str) -> dict:
    total = f"{filing.fee_total:.2f}"
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "addressee": addressee_of(filing),
        "amounts": {"acceptance_fee": total, "application_fee": "0.00", "other": "0.00", "total": total},
        "basis": basis,
    }


def evidence_snapshot(filing: Filing, user) -> dict:
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "addressee": addressee_of(filing),
        "matter": _matter(filing),
        "period_days": settings.COURTHALL_EVIDENCE_PERIOD_DAYS,
    }


def refusal_snapshot(filing: Filing, user) -> dict:
    return {
        **_common(filing, user),
        "case_number": None,
        "filers": [
            {"name": party.name, "details": _party_details(party)}
            for party in filing.parties.all()
            if party.role == PartyRole.PLAINTIFF
        ],
        "received_on": timezone.localdate(filing.received_at).isoformat(),
        "claims": filing.claims,
        "reasons": filing.refusal_reasons,
        "legal_basis": filing.refusal_basis,
        "judge": user.get_full_name(),
    }


def jurisdiction_snapshot(filing: Filing, user, *, reason: str) -> dict:
    return {
        **_common(filing, user),
        "addressee": addressee_of(filing),
        "matter": _matter(filing),
        "received_on": timezone.localdate(filing.received_at).isoformat(),
        "competent_court": filing.competent_court,
        "reason": reason,
        "materials_returned": _all_material_names(filing),
    }


def return_snapshot(filing: Filing, user, *, notice_number: str, deadline_on) -> dict:
    return {
        **_common(filing, user),
        "addressee": addressee_of(filing),
        "matter": _matter(filing),
        "notice_number": notice_number,
        "deadline_on": deadline_on.isoformat(),
        "materials_returned": _all_material_names(filing),
    }


def _all_material_names(filing: Filing) -> list[str]:
    return [item.name for round_ in filing.rounds.all() for item in round_.items.all()]


def _party_details(party) -> str:
    if party.kind != "person":
        parts = [f"住所地{party.address}" if party.address else ""]
        if party.legal_representative:
            parts.append(f"法定代表人{party.legal_representative}")
        return "，".join(p for p in parts if p)
    parts = [party.sex] if party.sex else []
    if party.birth_date:
        parts.append(f"{party.birth_date:%Y年%-m月%-d日}出生")
    if party.ethnicity:
        parts.append(party.ethnicity)
    if party.address:
        parts.append(f"住{party.address}")
    return "，".join(parts)


def fee_receipt_snapshot(filing: Filing, payment, user, *, ledger: dict) -> dict:
    """The 诉讼费交费收据 of `payment` (not yet saved), with the ledger as it stands after it: `ledger` has
    charged, paid, refunded and balance as Decimals."""
    return {
        **_common(filing, user),
        "case_number": filing.case_number,
        "payer": payment.payer,
        "amount": f"{payment.amount:.2f}",
        "method": payment.get_method_display(),
        "reference": payment.reference,
        "paid_on": payment.paid_on.isoformat(),
        "ledger": {key: f"{value:.2f}" for key, value in ledger.items()},
    }
