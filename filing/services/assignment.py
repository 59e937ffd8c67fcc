"""Automatic assignment (自动分案) and a supervisor's reassignment.

舞钢规范第七条 当天审核、当天立案、当天分案; 钢城承诺 一网办好 自动分案: a registered filing goes, in the
registration's own transaction, to the eligible judge with the lowest open load ÷ weight. Ties are broken
by random.Random(seed) with the seed recorded, so that every choice can be explained from its Assignment
row and replayed (assignment_replay).

Eligible: a judge (courthall.handle_cases) of the filing's court, active, in a department that takes the
filing's case type (DepartmentCaseType), taking new cases (JudgeAssignmentSetting) and not absent that day
(JudgeAbsence). Open load: the judge's registered cases. There is no case closure yet; once there is, a
concluded case leaves the load (OPEN_CASE_STATES).
"""

import random
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from courthall import daily_counts
from filing.models import (
    Assignment,
    AssignmentKind,
    DepartmentCaseType,
    Filing,
    FilingEvent,
    FilingState,
    JudgeAbsence,
    JudgeAssignmentSetting,
)
from filing.models.assignment import DEFAULT_WEIGHT
from filing.permissions import can_reassign_filing

# The states in which an assigned case counts against its judge's load.
OPEN_CASE_STATES = (FilingState.REGISTERED,)

NO_DEPARTMENT = "本院尚未设置承办{case_type}的部门（系统管理 → 分案范围），待分案。"
NO_JUDGE = (
    "承办{case_type}的部门（{departments}）今天没有可以分案的法官（均在请假、培训或暂停分案），待分案。"
)
REASON_REQUIRED = "改分或指定承办法官必须写明理由。"
JUDGE_REQUIRED = "请选择承办法官。"
JUDGE_OTHER_COURT = "{name}不是本院的法官，不能分案给其承办。"
NOT_A_JUDGE = "{name}不是承办法官（没有“承办案件”岗位或账号已停用），不能分案给其承办。"
NO_JUDGE_DEPARTMENT = "{name}尚未设置所属部门，请先由系统管理员设置后再分案。"
JUDGE_NOT_TAKING = "{name}目前暂停分案（法官分案设置），不能分给新的案件。"
JUDGE_ABSENT = "{name}{start}至{end}{kind}，今天不能分给新的案件。"
SAME_JUDGE = "该案件已由{name}承办，无需改分。"
ALREADY_ASSIGNED = "该案件已分给{name}承办；如需改由他人承办，请改分并写明理由。"


@dataclass(frozen=True)
class Candidate:
    """A judge as the choice saw them. `weight` is kept as a string in JSON so that it replays exactly."""

    id: int
    name: str
    department_id: int
    open: int
    weight: str

    @property
    def load(self) -> Fraction:
        return Fraction(self.open) / Fraction(Decimal(self.weight))


def choose(candidates: list[Candidate], seed: int) -> Candidate:
    """The candidate with the lowest open ÷ weight; among equals, random.Random(seed) picks one of them in
    id order. A pure function of its arguments: assignment_replay calls it again on the stored values."""
    ordered = sorted(candidates, key=lambda candidate: candidate.id)
    lowest = min(candidate.load for candidate in ordered)
    tied = [candidate for candidate in ordered if candidate.load == lowest]
    return random.Random(seed).choice(tied)


def assignment_replay(assignment: Assignment) -> int:
    """The judge (id) that the stored candidates and seed choose: equals assignment.judge_id for every
    automatic assignment, whatever has happened since."""
    if assignment.seed is None:
        raise ValueError("only an automatic assignment (with a seed) can be replayed")
    return choose([Candidate(**row) for row in assignment.candidates], assignment.seed).id


def _judges():
    """Active holders of courthall.handle_cases, through a role group or granted to the person."""
    permission = Q(
        groups__permissions__codename="handle_cases", groups__permissions__content_type__app_label="courthall"
    ) | Q(user_permissions__codename="handle_cases", user_permissions__content_type__app_label="courthall")
    return get_user_model().objects.filter(permission, is_active=True)


def _absent_ids(judge_ids, on: date) -> set[int]:
    return set(
        JudgeAbsence.objects.filter(judge_id__in=judge_ids, starts_on__lte=on, ends_on__gte=on).values_list(
            "judge_id", flat=True
        )
    )


def _settings_of(judge_ids) -> dict[int, JudgeAssignmentSetting]:
    return {
        setting.judge_id: setting for setting in JudgeAssignmentSetting.objects.filter(judge_id__in=judge_ids)
    }


def open_loads(judge_ids) -> dict[int, int]:
    """How many open cases each judge has (0 for none)."""
    counts = (
        Filing.objects.filter(judge_id__in=judge_ids, state__in=OPEN_CASE_STATES)
        .values("judge_id")
        .annotate(n=Count("pk"))
    )
    loads = dict.fromkeys(judge_ids, 0)
    loads.update({row["judge_id"]: row["n"] for row in counts})
    return loads


def eligible_candidates(filing: Filing, *, on: date, lock: bool = False) -> tuple[list[Candidate], str]:
    """The judges who may take `filing` on day `on`, with their loads; or ([], why none).

    With lock=True (inside transaction.atomic) the candidates' user rows are locked, in id order, before
    their loads are counted: two registrations at once then count one after the other, and the second
    sees the first's case (READ COMMITTED reads what committed before each statement).
    """
    department_ids = list(
        DepartmentCaseType.objects.filter(case_type=filing.case_type, department__court=filing.court_id)
        .values_list("department_id", flat=True)
        .distinct()
    )
    if not department_ids:
        return [], NO_DEPARTMENT.format(case_type=filing.case_type)
    ids = set(
        _judges().filter(court=filing.court_id, department_id__in=department_ids).values_list("pk", flat=True)
    )
    settings_by_judge = _settings_of(ids)
    ids -= {judge_id for judge_id, setting in settings_by_judge.items() if not setting.takes_new_cases}
    ids -= _absent_ids(ids, on)
    if not ids:
        names = "、".join(
            DepartmentCaseType.objects.filter(department_id__in=department_ids)
            .order_by("department__name")
            .values_list("department__name", flat=True)
            .distinct()
        )
        return [], NO_JUDGE.format(case_type=filing.case_type, departments=names)
    judges = get_user_model().objects.filter(pk__in=ids).order_by("pk")
    if lock:
        judges = judges.select_for_update(of=("self",))
    judges = list(judges.only("pk", "full_name", "username", "department_id"))
    loads = open_loads(ids)
    return [
        Candidate(
            id=judge.pk,
            name=judge.get_full_name(),
            department_id=judge.department_id,
            open=loads[judge.pk],
            weight=str(
                settings_by_judge[judge.pk].weight if judge.pk in settings_by_judge else DEFAULT_WEIGHT
            ),
        )
        for judge in judges
    ], ""


def _record(
    filing: Filing, *, kind: str, judge_id: int, department_id: int, by, seed, candidates, reason: str
):
    now = timezone.now()
    assignment = Assignment.objects.create(
        filing=filing,
        kind=kind,
        judge_id=judge_id,
        department_id=department_id,
        previous_judge_id=filing.judge_id,
        at=now,
        by=by,
        seed=seed,
        candidates=[asdict(candidate) for candidate in candidates],
        reason=reason,
    )
    filing.judge_id, filing.department_id, filing.assigned_at = judge_id, department_id, now
    filing.unassigned_reason = ""
    return assignment


def _save(filing: Filing, user) -> None:
    filing._history_user = user
    filing.save(update_fields=["judge", "department", "assigned_at", "unassigned_reason", "updated_at"])


def _explain(chosen: Candidate, candidates: list[Candidate]) -> str:
    tied = sum(1 for candidate in candidates if candidate.load == chosen.load)
    how = f"，{tied} 人并列，按随机种子抽定" if tied > 1 else ""
    return (
        f"自动分案：承办法官 {chosen.name}（在办 {chosen.open} 件，权重 {chosen.weight}；"
        f"候选 {len(candidates)} 人，取在办案件数 ÷ 权重最小者{how}）"
    )


def filing_assign(*, filing: Filing, user, on: date | None = None) -> Assignment | None:
    """Assign a registered filing automatically. Call inside the registration's transaction, after the
    filing is saved as registered; `user` is who registered it (the timeline's actor: the system acted on
    their registration). With no eligible judge the filing stays unassigned with the reason (待分案), and
    the registration still stands."""
    on = on or timezone.localdate()
    candidates, why_none = eligible_candidates(filing, on=on, lock=True)
    if not candidates:
        filing.unassigned_reason = why_none
        filing._history_user = user
        filing.save(update_fields=["unassigned_reason", "updated_at"])
        FilingEvent.objects.create(filing=filing, actor=user, action="unassigned", summary=why_none)
        return None
    seed = random.SystemRandom().getrandbits(63)
    chosen = choose(candidates, seed)
    assignment = _record(
        filing,
        kind=AssignmentKind.AUTOMATIC,
        judge_id=chosen.id,
        department_id=chosen.department_id,
        by=None,
        seed=seed,
        candidates=candidates,
        reason="",
    )
    _save(filing, user)
    FilingEvent.objects.create(
        filing=filing,
        actor=user,
        action="assigned",
        summary=_explain(chosen, candidates),
        data={"assignment": assignment.pk, "judge": chosen.id, "seed": seed, "automatic": True},
    )
    return assignment


def _locked(filing: Filing) -> Filing:
    """The filing re-read under its row lock (only its own row: the judge may be empty)."""
    return (
        Filing.objects.select_for_update(of=("self",))
        .select_related("court", "case_type", "judge")
        .get(pk=filing.pk)
    )


@transaction.atomic
def filing_assign_again(*, filing: Filing, user) -> Assignment | None:
    """A supervisor runs the automatic rule again on a filing waiting for a judge (待分案), e.g. after the
    court configured the department or a judge came back from leave."""
    filing = _locked(filing)
    if not (decision := can_reassign_filing(filing, user)):
        raise PermissionDenied(decision.reason)
    if filing.judge_id is not None:
        raise ValidationError(ALREADY_ASSIGNED.format(name=filing.judge.get_full_name()))
    return filing_assign(filing=filing, user=user)


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def judge_refusal(filing: Filing, judge, *, on: date) -> str:
    """Why `judge` may not be given `filing` by hand on day `on`, or "" if they may."""
    name = judge.get_full_name()
    if judge.court_id != filing.court_id:
        return JUDGE_OTHER_COURT.format(name=name)
    if not _judges().filter(pk=judge.pk).exists():
        return NOT_A_JUDGE.format(name=name)
    if judge.department_id is None:
        return NO_JUDGE_DEPARTMENT.format(name=name)
    setting = JudgeAssignmentSetting.objects.filter(judge=judge).first()
    if setting is not None and not setting.takes_new_cases:
        return JUDGE_NOT_TAKING.format(name=name)
    absence = JudgeAbsence.objects.filter(judge=judge, starts_on__lte=on, ends_on__gte=on).first()
    if absence is not None:
        return JUDGE_ABSENT.format(
            name=name,
            start=_chinese_date(absence.starts_on),
            end=_chinese_date(absence.ends_on),
            kind=absence.get_kind_display(),
        )
    if judge.pk == filing.judge_id:
        return SAME_JUDGE.format(name=name)
    return ""


# The people panel's stored days of 分案 (filing.selectors.people): a reassignment moves assigned_at.
PEOPLE_ASSIGNED_KEY = "filing.judge_assigned"


@transaction.atomic
def filing_reassign(*, filing: Filing, user, judge, reason: str) -> Assignment:
    """A supervisor gives the case to `judge` with a written reason: a reassignment (改分) of an assigned
    case, or the assignment by hand (指定分案) of one waiting for a judge. The candidates of the automatic
    rule at that moment are recorded too, so that one can see how far the choice departs from it."""
    filing = _locked(filing)
    if not (decision := can_reassign_filing(filing, user)):
        raise PermissionDenied(decision.reason)
    reason = (reason or "").strip()
    if judge is None:
        raise ValidationError(JUDGE_REQUIRED)
    if not reason:
        raise ValidationError(REASON_REQUIRED)
    on = timezone.localdate()
    if refusal := judge_refusal(filing, judge, on=on):
        raise ValidationError(refusal)
    get_user_model().objects.select_for_update().filter(pk=judge.pk).first()
    candidates, _ = eligible_candidates(filing, on=on)
    previous = filing.judge
    kind = AssignmentKind.REASSIGNMENT if previous else AssignmentKind.MANUAL
    if previous:
        # The case leaves the day it was first assigned on (assigned_at moves to now): the people panel's
        # stored days of 分案 are counted again (courthall.daily_counts; reassignments are rare).
        court_id = filing.court_id
        transaction.on_commit(lambda: daily_counts.forget(court_id=court_id, key_prefix=PEOPLE_ASSIGNED_KEY))
    assignment = _record(
        filing,
        kind=kind,
        judge_id=judge.pk,
        department_id=judge.department_id,
        by=user,
        seed=None,
        candidates=candidates,
        reason=reason,
    )
    _save(filing, user)
    if previous:
        summary = f"改分：由 {previous.get_full_name()} 改由 {judge.get_full_name()} 承办。理由：{reason}"
    else:
        summary = f"指定分案：由 {judge.get_full_name()} 承办。理由：{reason}"
    FilingEvent.objects.create(
        filing=filing,
        actor=user,
        action="reassigned" if previous else "assigned",
        summary=summary,
        data={
            "assignment": assignment.pk,
            "judge": judge.pk,
            "previous_judge": previous.pk if previous else None,
        },
    )
    return assignment


@transaction.atomic
def assignment_mark_seen(*, filing: Filing, user) -> None:
    """The judge opened the case: it is no longer 新 on their 我的案件. Anyone else opening it changes
    nothing."""
    if filing.judge_id != user.pk:
        return
    latest = Assignment.objects.filter(filing=filing).order_by("-at", "-pk").first()
    if latest is not None and latest.judge_id == user.pk and latest.seen_at is None:
        latest.seen_at = timezone.now()
        latest._history_user = user
        latest.save(update_fields=["seen_at"])
