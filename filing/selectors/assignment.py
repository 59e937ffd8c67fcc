"""Reads for assignment (自动分案): a judge's cases, the supervisors' 待分案 list, the explanation of an
assignment on the filing's page, and the judges a supervisor may choose from."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from filing.models import Assignment, Filing, FilingState
from filing.models.assignment import DEFAULT_WEIGHT, JudgeAbsence, JudgeAssignmentSetting
from filing.permissions import can_reassign_filing
from filing.selectors.filings import row_parties
from filing.services.assignment import _judges, judge_refusal, open_loads


def my_cases(*, user) -> QuerySet[Filing]:
    """The cases assigned to `user`: those they have not opened since they were assigned (新) first, then
    the latest assignment first."""
    unseen = Assignment.objects.filter(filing=OuterRef("pk"), judge=user, seen_at__isnull=True)
    return (
        Filing.objects.filter(court_id=user.court_id, judge=user)
        .select_related("case_type", "cause", "department")
        .prefetch_related(row_parties())
        .annotate(is_new=Exists(unseen))
        .order_by("-is_new", "-assigned_at", "-pk")
    )


def unassigned_filings(*, user) -> QuerySet[Filing]:
    """Registered filings of the supervisor's court that no judge could take (待分案), the oldest first."""
    return (
        Filing.objects.filter(court_id=user.court_id, state=FilingState.REGISTERED, judge__isnull=True)
        .select_related("case_type", "cause")
        .prefetch_related(row_parties())
        .order_by("registered_at", "pk")
    )


@dataclass(frozen=True)
class CandidateRow:
    name: str
    open: int
    weight: str
    chosen: bool


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    candidates: list[CandidateRow]


def assignment_history(filing: Filing) -> list[AssignmentRow]:
    """Every assignment of the filing, the first first, with the candidates each was chosen from."""
    rows = []
    for assignment in Assignment.objects.filter(filing=filing).select_related(
        "judge", "department", "by", "previous_judge"
    ):
        candidates = [
            CandidateRow(row["name"], row["open"], row["weight"], row["id"] == assignment.judge_id)
            for row in assignment.candidates
        ]
        rows.append(AssignmentRow(assignment, candidates))
    return rows


@dataclass(frozen=True)
class JudgeChoice:
    pk: int
    label: str
    refusal: str  # why this judge cannot be chosen today, or ""


def judge_choices(filing: Filing, *, on: date) -> list[JudgeChoice]:
    """The judges of the filing's court for the reassignment form, with their open cases and weight, and
    why any of them cannot take the case today (on leave, not taking cases, already the judge)."""
    judges = list(
        _judges()
        .filter(court=filing.court_id)
        .select_related("department")
        .distinct()
        .order_by("department", "pk")
    )
    ids = [judge.pk for judge in judges]
    loads = open_loads(ids)
    settings_by_judge = {s.judge_id: s for s in JudgeAssignmentSetting.objects.filter(judge_id__in=ids)}
    away = set(
        JudgeAbsence.objects.filter(judge_id__in=ids, starts_on__lte=on, ends_on__gte=on).values_list(
            "judge_id", flat=True
        )
    )
    choices = []
    for judge in judges:
        department = judge.department.name if judge.department else "未设部门"
        setting = settings_by_judge.get(judge.pk)
        weight = setting.weight if setting else DEFAULT_WEIGHT
        label = f"{judge.get_full_name()}（{department}，在办 {loads[judge.pk]} 件，权重 {weight}）"
        doubtful = (
            judge.pk in away
            or judge.pk == filing.judge_id
            or judge.department_id is None
            or (setting is not None and not setting.takes_new_cases)
        )
        refusal = judge_refusal(filing, judge, on=on) if doubtful else ""
        choices.append(JudgeChoice(judge.pk, label, refusal))
    return choices


def assignment_panel(filing: Filing, user) -> dict:
    """What the filing's page shows about its judge: the current one, the history with its explanations,
    and whether `user` may reassign."""
    return {
        # assigned_at is set by every assignment: without it there is no history to read.
        "history": assignment_history(filing) if filing.assigned_at is not None else [],
        "may_reassign": bool(can_reassign_filing(filing, user)),
    }


def judge_get(pk) -> object | None:
    """Any user by pk, whatever their court: the reassignment service itself refuses another court's judge
    with a message that says so."""
    try:
        return get_user_model().objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
