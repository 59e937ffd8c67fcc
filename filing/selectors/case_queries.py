"""A case looked up for a caller who says they are its party or agent (12368 case queries, hotline).

The caller is identified only when the court's filing with that case number names a party or an agent with
exactly that name and that ID number. Anything else — no such case in this court, a name or ID number that
does not match — gives the same None, so the caller learns nothing about a case they are not part of.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from filing.models import Filing
from filing.selectors.fees import fee_balance

_SPACES = re.compile(r"\s+")
# Case numbers are written with full-width brackets: （2026）豫0481民初123号.
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "〔": "（", "〕": "）"})


def normalise_case_number(value: str) -> str:
    return _SPACES.sub("", value).translate(_BRACKETS)


def normalise_id_number(value: str) -> str:
    """Resident ID numbers end in a capital X; callers say "x" and the agent types what they hear."""
    return _SPACES.sub("", value).upper()


def normalise_name(value: str) -> str:
    return _SPACES.sub("", value)


def filing_identify_caller(*, court_id: int, case_number: str, name: str, id_number: str) -> Filing | None:
    """The court's filing with `case_number` if `name` and `id_number` are those of one of its parties or
    agents; otherwise None (the same answer for every reason)."""
    filing = (
        Filing.objects.filter(court_id=court_id, case_number=normalise_case_number(case_number))
        .select_related("case_type", "cause", "judge", "department")
        .prefetch_related("parties", "agents")
        .first()
    )
    if filing is None:
        return None
    wanted = (normalise_name(name), normalise_id_number(id_number))
    people = [*filing.parties.all(), *filing.agents.all()]
    if any(
        (normalise_name(p.name), normalise_id_number(p.id_number)) == wanted for p in people if p.id_number
    ):
        return filing
    return None


@dataclass(frozen=True)
class CaseInformation:
    """What the line may tell an identified party or agent about their case."""

    case_number: str
    state: str
    case_type: str
    cause: str
    registered_on: date | None
    judge: str
    department: str
    fee_owed: Decimal


def case_information(filing: Filing) -> CaseInformation:
    return CaseInformation(
        case_number=filing.case_number or "",
        state=filing.get_state_display(),
        case_type=filing.case_type.name,
        cause=filing.cause_name,
        registered_on=timezone.localdate(filing.registered_at) if filing.registered_at else None,
        judge=str(filing.judge) if filing.judge_id else "尚未分案",
        department=filing.department.name if filing.department_id else "—",
        fee_owed=max(fee_balance(filing).balance, Decimal("0.00")),
    )
