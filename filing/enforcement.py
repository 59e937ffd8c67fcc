"""Applications for enforcement (执): what the application must say about its 执行依据, and when it may be
registered.

钢城承诺四 (一次办好): "申请执行立案的，无须申请人提供法律文书生效证明，由立案人员通过全流程办案平台自行
核实文书生效信息". So the applicant names the effective judgment (its case number, the court, the date it
took effect) and never hands in a certificate of effectiveness; the clerk checks it in the case system
(filing.services.enforcement.enforcement_confirm), and registration waits for that check.

filing_create calls `clean_basis` at every channel (counter, portal); the portal's draft_problems calls it
too, so the confirm page lists what submitting would refuse.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from courthall.validators import validate_no_markup
from filing.models import CaseType, Effectiveness, EnforcementBasis, InstrumentKind
from filing.models.enforcement import COURT_INSTRUMENTS
from filing.services.case_numbers import case_number_normalize

# The case types whose application names an effective judgment: first enforcement. (执恢 resumes an
# enforcement case already registered, 执保 carries out a preservation ruling, 执异 is an objection.)
ENFORCEMENT_BASIS_TYPES = frozenset({"执"})

NO_BASIS = "申请执行须写明执行依据（生效法律文书）：文书种类、案号、作出法院和生效日期。"
NO_INSTRUMENT = "请选择执行依据的文书种类（判决书、裁定书、调解书等）。"
NO_BASIS_NUMBER = "请填写执行依据的案号（文书编号），如“（2025）豫0481民初123号”。"
BAD_BASIS_NUMBER = (
    "执行依据的案号“{number}”格式不正确，应如“（2025）豫0481民初123号”：年度加括号，阿拉伯数字，不写“字第”。"
)
NO_ISSUER = "请填写作出执行依据的法院（仲裁裁决、公证债权文书填写仲裁机构、公证机构）。"
NO_EFFECTIVE_ON = "请填写执行依据的生效日期；不清楚的，填写文书作出日期。"
BAD_EFFECTIVE_ON = "执行依据的生效日期格式不正确，请按“2026-03-05”的格式填写。"
FUTURE_EFFECTIVE_ON = "执行依据的生效日期（{date:%Y年%m月%d日}）晚于今天：尚未生效的法律文书不能申请执行。"
EFFECTIVE_BEFORE_CASE = "执行依据的生效日期（{date:%Y年%m月%d日}）早于其案号的收案年度（{year}年），请核对。"
BAD_ENFORCEMENT_AMOUNT = "申请执行金额须为不小于零的数字（单位：元）；没有金钱给付内容的，留空。"

# 钢城承诺四: registration waits for the clerk's own check, never for a certificate from the applicant.
NOT_CONFIRMED = (
    "申请执行立案前，须由立案人员在系统中核实执行依据已经发生法律效力（“确认生效”）。"
    "无须申请人提供生效证明（钢城承诺四 一次办好）。"
)
NOT_EFFECTIVE = (
    "经核实，执行依据尚未发生法律效力（{note}），不能立案执行；可待其生效后重新核实，或裁定不予受理。"
)
NO_BASIS_RECORDED = "该申请执行案件没有登记执行依据，无法核实生效情况。"

BASIS_LABELS = {"case_number": "执行依据案号", "issuer": "作出法院（机构）"}


@dataclass(frozen=True)
class EnforcementBasisInput:
    """执行依据 as typed: `effective_on` a date, or an ISO string from a portal draft."""

    instrument: str = ""
    case_number: str = ""
    issuer: str = ""
    effective_on: date | str | None = None


# Where a portal draft keeps the 执行依据 (Draft.data), as JSON: the EnforcementBasisInput fields, the
# date as an ISO string.
DRAFT_KEY = "enforcement_basis"


def basis_input_from_draft(data) -> EnforcementBasisInput | None:
    """The 执行依据 a draft's data holds; None when it holds none. Malformed values count as not typed
    (clean_basis then names what is missing)."""
    row = data.get(DRAFT_KEY) if isinstance(data, dict) else None
    if not isinstance(row, dict):
        return None
    return EnforcementBasisInput(
        **{
            name: value if isinstance(value := row.get(name), str) else ""
            for name in EnforcementBasisInput.__dataclass_fields__
        }
    )


def requires_basis(case_type: CaseType | None) -> bool:
    return case_type is not None and case_type.code in ENFORCEMENT_BASIS_TYPES


def _effective_on(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(BAD_EFFECTIVE_ON) from None


def clean_basis(
    case_type: CaseType | None, basis: EnforcementBasisInput | None, *, today: date
) -> tuple[dict | None, list[str]]:
    """The EnforcementBasis fields of a filing of `case_type`, and every message about them.

    (None, []) for a case type that names no 执行依据. A court's instrument must carry a case number in
    the form of DOMAIN §2 (half-width brackets accepted, printed full-width); an arbitral award or a
    notarial deed carries its issuer's own number, which is only checked for being there.
    """
    if not requires_basis(case_type):
        return None, []
    if basis is None or not any(
        str(getattr(basis, name) or "").strip() for name in EnforcementBasisInput.__dataclass_fields__
    ):
        return None, [NO_BASIS]
    errors = []
    if basis.instrument not in InstrumentKind.values:
        errors.append(NO_INSTRUMENT)
    number = " ".join(str(basis.case_number or "").split())
    case_year = None
    if not number:
        errors.append(NO_BASIS_NUMBER)
    elif basis.instrument in COURT_INSTRUMENTS:
        try:
            number = case_number_normalize(number)
        except ValueError:
            errors.append(BAD_BASIS_NUMBER.format(number=number))
        else:
            case_year = int(number[1:5])  # a normalised number starts with （YYYY）
    issuer = " ".join(str(basis.issuer or "").split())
    if not issuer:
        errors.append(NO_ISSUER)
    try:
        effective_on = _effective_on(basis.effective_on)
    except ValidationError as error:
        errors.extend(error.messages)
        effective_on = None
    else:
        if effective_on is None:
            errors.append(NO_EFFECTIVE_ON)
        elif effective_on > today:
            errors.append(FUTURE_EFFECTIVE_ON.format(date=effective_on))
        elif case_year is not None and effective_on.year < case_year:
            errors.append(EFFECTIVE_BEFORE_CASE.format(date=effective_on, year=case_year))
    for name, label in BASIS_LABELS.items():
        try:
            validate_no_markup(getattr(basis, name) or "", label)
        except ValidationError as error:
            errors.extend(error.messages)
    if len(number) > EnforcementBasis._meta.get_field("case_number").max_length:
        errors.append(BAD_BASIS_NUMBER.format(number=number[:20] + "…"))
    if len(issuer) > EnforcementBasis._meta.get_field("issuer").max_length:
        errors.append(NO_ISSUER)
    if errors:
        return None, errors
    return {
        "instrument": basis.instrument,
        "case_number": number,
        "issuer": issuer,
        "effective_on": effective_on,
    }, []


def basis_of(filing) -> EnforcementBasis | None:
    """The filing's 执行依据; None for a filing of another type (or a 执 filing received before there was
    one to record)."""
    return getattr(filing, "enforcement_basis", None)


def registration_block(filing) -> str:
    """Why `filing` may not be registered yet as far as enforcement goes; "" when nothing stands in the way.

    钢城承诺四: a 执 filing is registered only after the clerk confirmed its 执行依据 effective.
    """
    if not requires_basis(filing.case_type):
        return ""
    basis = basis_of(filing)
    if basis is None:
        return NO_BASIS_RECORDED
    if basis.effectiveness == Effectiveness.NOT_EFFECTIVE:
        return NOT_EFFECTIVE.format(note=basis.checked_note or "未写明原因")
    if not basis.confirmed:
        return NOT_CONFIRMED
    return ""


def is_own_instrument(basis: EnforcementBasis, court) -> bool:
    """The 执行依据 was made by `court` itself: its name as the applicant wrote it, or its code in the case
    number (（2025）豫0481民初123号 is 豫0481's). The clerk then finds it in this court's own system."""
    if "".join(basis.issuer.split()) == "".join(court.name.split()):
        return True
    if not basis.is_court_instrument or not basis.case_number.startswith("（"):
        return False
    rest = basis.case_number[6:]  # after （YYYY）
    return rest.startswith(court.code) and not rest[len(court.code) : len(court.code) + 1].isdigit()
