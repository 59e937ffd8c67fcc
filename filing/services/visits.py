"""First contact at the window (首接负责制): open a visit, hand it over, close it.

舞钢规范第五条: the first receiver is the first person responsible (第一接待人为第一责任人).
舞钢规范第九条: what is outside one's remit is handed over promptly to the department or person concerned,
and the party is told (及时移交有关部门和人员，并向当事人说明情况).
钢城承诺五: elderly, disabled and special-needs visitors are served first (priority).

Every function locks what it changes, checks the same permission functions as the buttons, and records
the acting user in the visit's history (django-simple-history).
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from courthall.models import Department, User
from courthall.validators import FULL_WIDTH_TO_ASCII, validate_mobile, validate_resident_id
from filing.models import Visit, VisitHandover, VisitMatter, VisitState
from filing.permissions import can_act_on_visit, can_receive_visit, can_work_counter

VISITOR_NAME_REQUIRED = "请填写来访人姓名。"
MATTER_REQUIRED = "请选择来访事项。"
MATTER_UNKNOWN = "来访事项「%(value)s」无效，请从立案、查询、咨询等事项中选择。"
PRIORITY_REASON_REQUIRED = "已勾选优先办理，请注明原因（如：老年人、残疾人、孕妇）。"
PRIORITY_REASON_WITHOUT_PRIORITY = "填写了优先原因，但没有勾选“优先办理”。请勾选，或清空优先原因。"
ID_NUMBER_OTHER = "证件号码只能包含字母、数字、括号和短横线，长度 6 至 30 位；居民身份证号码为 18 位。"
PHONE_LANDLINE_INVALID = "固定电话应为区号加号码，如 0375-1234567。"

HANDOVER_TARGET_REQUIRED = "请选择移交给哪位同事或哪个部门。"
HANDOVER_TARGET_BOTH = "只能移交给一位同事或一个部门，不能同时选择两者。"
HANDOVER_OTHER_COURT = "只能移交给本院的工作人员或部门。"
HANDOVER_TO_SELF = "不能移交给自己。"
HANDOVER_ALREADY_RESPONSIBLE = "该接待现在就由{name}负责，无需移交。"
HANDOVER_ALREADY_DEPARTMENT = "该接待已移交{department}，无需再次移交。"
HANDOVER_REASON_REQUIRED = "请填写移交原因。"
# 舞钢规范第九条: 及时移交有关部门和人员，并向当事人说明情况.
HANDOVER_PARTY_NOT_INFORMED = (
    "移交前须向当事人说明情况（舞钢规范第九条）。请告诉当事人移交给谁、为什么、下一步去哪里办理，"
    "然后勾选“已向当事人说明情况”。"
)
OUTCOME_REQUIRED = "请填写办理结果。"
# Views never get here (the selector answers 404); a direct call with another court's visit does.
OTHER_COURT_VISIT = "这条接待不是本院的，不能办理。"

# An ID number of digits (and a final X) of about resident-ID length is a resident ID, typos included;
# anything else is another document (passport, 港澳/台湾通行证, 港澳台居民居住证 is 18 digits too).
RESIDENT_ID_SHAPE = re.compile(r"[0-9]{14,18}[0-9X]?")
OTHER_ID_SHAPE = re.compile(r"[A-Z0-9()\-]{6,30}")
# 区号 (010, 0375 …) and a 7- or 8-digit number, or a local number without the 区号.
LANDLINE = re.compile(r"0[1-9][0-9]{8,10}|[2-9][0-9]{6,7}")
PHONE_SEPARATORS = re.compile(r"[\s\-]")


def visit_open(
    *,
    user: User,
    visitor_name: str,
    matter: str,
    visitor_id_number: str = "",
    visitor_phone: str = "",
    priority: bool = False,
    priority_reason: str = "",
    note: str = "",
) -> Visit:
    """Start a visit at the window: `user` becomes its first receiver and the person responsible."""
    if not (decision := can_work_counter(user)):
        raise PermissionDenied(decision.reason)
    errors: dict[str, ValidationError] = {}
    visitor_name = visitor_name.strip()
    if not visitor_name:
        errors["visitor_name"] = ValidationError(VISITOR_NAME_REQUIRED, code="required")
    if not matter:
        errors["matter"] = ValidationError(MATTER_REQUIRED, code="required")
    elif matter not in VisitMatter.values:
        errors["matter"] = ValidationError(MATTER_UNKNOWN, code="invalid", params={"value": matter})
    priority_reason = priority_reason.strip()
    if priority and not priority_reason:
        errors["priority_reason"] = ValidationError(PRIORITY_REASON_REQUIRED, code="required")
    elif priority_reason and not priority:
        errors["priority_reason"] = ValidationError(PRIORITY_REASON_WITHOUT_PRIORITY, code="no_priority")
    try:
        visitor_id_number = _id_number(visitor_id_number)
    except ValidationError as error:
        errors["visitor_id_number"] = error
    try:
        visitor_phone = _phone(visitor_phone)
    except ValidationError as error:
        errors["visitor_phone"] = error
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        visit = Visit(
            court_id=user.court_id,
            visitor_name=visitor_name,
            visitor_id_number=visitor_id_number,
            visitor_phone=visitor_phone,
            matter=matter,
            priority=priority,
            priority_reason=priority_reason,
            note=note.strip(),
            opened_by=user,
            responsible=user,
        )
        visit.full_clean()
        _record(visit, user, "接待登记")
        visit.save()
    return visit


def visit_hand_over(
    *,
    visit: Visit,
    user: User,
    to_user: User | None = None,
    to_department: Department | None = None,
    reason: str,
    party_informed: bool,
) -> VisitHandover:
    """Hand a visit to a colleague or to a department of the same court.

    To a colleague: they become the person responsible, and the visit leaves any department's list.
    To a department: the visit goes on that department's list (Visit.responsible_department) and the giver
    stays the person responsible — 首接负责制 keeps a named person accountable until it is closed, and a
    department is not a person; the giver follows up and closes it when the department has dealt with it.

    Locks the visit row: of two hand-overs at the same moment, the second sees the first one's result.
    """
    with transaction.atomic():
        locked = _lock_for_acting(visit, user)
        errors: dict[str, ValidationError] = {}
        if to_user is None and to_department is None:
            errors["to_user"] = ValidationError(HANDOVER_TARGET_REQUIRED, code="required")
        elif to_user is not None and to_department is not None:
            errors["to_user"] = ValidationError(HANDOVER_TARGET_BOTH, code="both")
        elif to_user is not None:
            if (message := _to_user_problem(locked, user, to_user)) is not None:
                errors["to_user"] = ValidationError(message, code="to_user")
        elif to_department.court_id != locked.court_id:
            errors["to_department"] = ValidationError(HANDOVER_OTHER_COURT, code="other_court")
        elif to_department.pk == locked.responsible_department_id:
            errors["to_department"] = ValidationError(
                HANDOVER_ALREADY_DEPARTMENT.format(department=to_department.name), code="already"
            )
        reason = reason.strip()
        if not reason:
            errors["reason"] = ValidationError(HANDOVER_REASON_REQUIRED, code="required")
        if not party_informed:
            errors["party_informed"] = ValidationError(HANDOVER_PARTY_NOT_INFORMED, code="party_not_informed")
        if errors:
            raise ValidationError(errors)

        handover = VisitHandover(
            visit=locked,
            from_user=user,
            to_user=to_user,
            to_department=to_department,
            reason=reason,
            party_informed=True,
        )
        handover.full_clean()
        handover.save()
        if to_user is not None:
            locked.responsible = to_user
            locked.responsible_department = None
            _record(locked, user, f"移交给{to_user}")
        else:
            locked.responsible_department = to_department
            _record(locked, user, f"移交给{to_department.name}")
        locked.full_clean()
        locked.save()
    return handover


def visit_close(*, visit: Visit, user: User, outcome: str) -> Visit:
    """Close a visit with what was done for the visitor: its responsible person or a supervisor."""
    with transaction.atomic():
        locked = _lock_for_acting(visit, user)
        outcome = outcome.strip()
        if not outcome:
            raise ValidationError({"outcome": ValidationError(OUTCOME_REQUIRED, code="required")})
        locked.state = VisitState.CLOSED
        locked.closed_at = timezone.now()
        locked.outcome = outcome
        locked.full_clean()
        _record(locked, user, "办结")
        locked.save()
    return locked


def _lock_for_acting(visit: Visit, user: User) -> Visit:
    """The visit's row, locked until the transaction ends, once `user` may hand it over or close it."""
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.court_id != user.court_id:
        raise PermissionDenied(OTHER_COURT_VISIT)
    if not (decision := can_act_on_visit(locked, user)):
        raise PermissionDenied(decision.reason)
    return locked


def _to_user_problem(visit: Visit, user: User, to_user: User) -> str | None:
    """Why `to_user` cannot take `visit` over, or None."""
    if to_user.court_id != visit.court_id:
        return HANDOVER_OTHER_COURT
    if to_user.pk == user.pk:
        return HANDOVER_TO_SELF
    if to_user.pk == visit.responsible_id:
        return HANDOVER_ALREADY_RESPONSIBLE.format(name=to_user)
    if not (decision := can_receive_visit(to_user)):
        return decision.reason
    return None


def _id_number(value: str) -> str:
    """The ID number to store: a resident ID is checked digit by digit; other documents only for shape."""
    text = value.translate(FULL_WIDTH_TO_ASCII).strip().upper()
    if not text:
        return ""
    if RESIDENT_ID_SHAPE.fullmatch(text):
        return validate_resident_id(text)
    if not OTHER_ID_SHAPE.fullmatch(text):
        raise ValidationError(ID_NUMBER_OTHER, code="id_number")
    return text


def _phone(value: str) -> str:
    """A mobile number as its 11 digits, a landline as its digits (区号 included); empty if none given."""
    text = value.translate(FULL_WIDTH_TO_ASCII).strip()
    if not text:
        return ""
    digits = PHONE_SEPARATORS.sub("", text)
    if LANDLINE.fullmatch(digits):
        return digits
    if digits.startswith("0") and not digits.startswith("00"):
        raise ValidationError(PHONE_LANDLINE_INVALID, code="landline")
    return validate_mobile(text)


def _record(visit: Visit, user: User, change: str) -> None:
    """Name the acting user and the change in the history row the next save writes."""
    visit._history_user = user
    visit._change_reason = change[:100]
