"""The clerk's check of an application for enforcement's 执行依据 (钢城承诺四 一次办好).

The applicant names the effective judgment and hands in no certificate of effectiveness; the clerk looks
it up in the case system and records here what they found, where, and why. Registration waits for a
confirmed result (filing.enforcement.registration_block).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from filing.models import CheckSource, Effectiveness, EnforcementBasis, Filing
from filing.permissions import can_confirm_effectiveness
from filing.services.filings import _event, _locked, _require

NO_RESULT = "请选择核实结果：已生效或未生效。"
NO_SOURCE = "请选择核实途径（如本院审判系统、上级法院审判系统）。"
NO_NOT_EFFECTIVE_REASON = "核实为未生效的，须写明原因（如：上诉期未满、二审尚在审理中）。"
NO_OTHER_SOURCE_NOTE = "核实途径为“其他方式”的，请在说明中写明如何核实。"
NOTE_TOO_LONG = "核实情况说明请不超过 500 字。"


@transaction.atomic
def enforcement_confirm(
    *, filing: Filing, user, result: str, source: str, note: str = ""
) -> EnforcementBasis:
    """Record the clerk's check of `filing`'s 执行依据: effective, or not effective with the reason, and
    where they checked. May be repeated while the filing is open (a judgment found not yet effective may
    take effect later); each check is in the timeline and the basis's history."""
    filing = _locked(filing)
    _require(can_confirm_effectiveness(filing, user))
    note = note.strip()
    errors = []
    if result not in (Effectiveness.EFFECTIVE, Effectiveness.NOT_EFFECTIVE):
        errors.append(NO_RESULT)
    if source not in CheckSource.values:
        errors.append(NO_SOURCE)
    if result == Effectiveness.NOT_EFFECTIVE and not note:
        errors.append(NO_NOT_EFFECTIVE_REASON)
    if source == CheckSource.OTHER and not note:
        errors.append(NO_OTHER_SOURCE_NOTE)
    if len(note) > 500:
        errors.append(NOTE_TOO_LONG)
    if errors:
        raise ValidationError(errors)
    basis = EnforcementBasis.objects.select_for_update().get(filing=filing)
    basis.effectiveness = result
    basis.checked_source = source
    basis.checked_note = note
    basis.checked_at = timezone.now()
    basis.checked_by = user
    basis._history_user = user
    basis.full_clean()
    basis.save()
    _event(
        filing,
        user,
        "effectiveness_checked",
        f"核实执行依据 {basis.issuer}{basis.case_number}{basis.get_instrument_display()}："
        f"{basis.get_effectiveness_display()}，核实途径：{basis.get_checked_source_display()}"
        + (f"；说明：{note}" if note else ""),
        result=result,
        source=source,
    )
    return basis
