"""Reads for an application for enforcement (执): its 执行依据 as the clerk checks it, with this court's own
case when the judgment is this court's (钢城承诺四: the clerk checks effectiveness in the case system)."""

from dataclasses import dataclass

from filing.enforcement import is_own_instrument, registration_block
from filing.models import EnforcementBasis, Filing


@dataclass(frozen=True)
class EnforcementPanel:
    basis: EnforcementBasis
    own_instrument: bool  # made by this court: check it in this court's own system
    own_case: Filing | None  # that case, when it was registered here (through this system)
    register_block: str  # why registration waits, "" when it need not


def enforcement_panel(filing: Filing) -> EnforcementPanel | None:
    """What the filing page shows about the 执行依据; None for a filing that names none."""
    basis = EnforcementBasis.objects.select_related("checked_by").filter(filing_id=filing.pk).first()
    if basis is None:
        return None
    own = is_own_instrument(basis, filing.court)
    own_case = None
    if own:
        own_case = (
            Filing.objects.select_related("case_type", "cause")
            .prefetch_related("parties")
            .filter(court_id=filing.court_id, case_number=basis.case_number)
            .exclude(pk=filing.pk)
            .first()
        )
    return EnforcementPanel(
        basis=basis, own_instrument=own, own_case=own_case, register_block=registration_block(filing)
    )
