"""Reads for the first-contact log (接待登记): each scoped to the user's court, so another court's visit is
never listed and is a 404 when asked for, the same answer as a visit the user may not see."""

from django.db.models import Q, QuerySet
from django.http import Http404

from courthall.models import Department, User
from filing.models import Visit, VisitState
from filing.permissions import can_view_visit

# Who may take a visit over (filing.permissions.can_receive_visit), as a query over groups and grants.
RECEIVING_PERMISSIONS = ("work_counter", "supervise")


def visit_list_open_for_user(*, user: User) -> QuerySet[Visit]:
    """The open visits `user` is responsible for: priority first (钢城承诺五), then the longest waiting."""
    return (
        Visit.objects.filter(court_id=user.court_id, responsible=user, state=VisitState.OPEN)
        .select_related("responsible_department")
        .order_by("-priority", "opened_at")
    )


def visit_list_open_for_department(*, user: User) -> QuerySet[Visit]:
    """Open visits handed over to `user`'s department, other than their own (those are on their own list)."""
    if user.court_id is None or user.department_id is None:
        return Visit.objects.none()
    return (
        Visit.objects.filter(
            court_id=user.court_id, responsible_department_id=user.department_id, state=VisitState.OPEN
        )
        .exclude(responsible=user)
        .select_related("responsible", "responsible_department")
        .order_by("-priority", "opened_at")
    )


def visit_list_for_court(*, user: User, state: str | None = None) -> QuerySet[Visit]:
    """Every visit of `user`'s court, for supervisors; open ones in serving order, others newest first."""
    visits = Visit.objects.filter(court_id=user.court_id).select_related(
        "responsible", "responsible_department"
    )
    if state:
        visits = visits.filter(state=state)
    if state == VisitState.OPEN:
        return visits.order_by("-priority", "opened_at")
    return visits.order_by("-opened_at")


def visit_get_for_user(*, pk: int, user: User) -> Visit:
    """The visit, with its hand-overs; Http404 when it is another court's or `user` may not see it."""
    visit = (
        Visit.objects.filter(pk=pk, court_id=user.court_id)
        .select_related("court", "opened_by", "responsible", "responsible_department")
        .prefetch_related("handovers__from_user", "handovers__to_user", "handovers__to_department")
        .first()
    )
    if visit is None or user.court_id is None or not can_view_visit(visit, user):
        raise Http404("没有这条接待记录。")
    return visit


def visit_history_list(*, visit: Visit) -> QuerySet:
    """The visit's history rows, oldest first, each with the user who made the change."""
    return visit.history.select_related("history_user").order_by("history_date", "history_id")


def visit_handover_candidates(*, user: User, visit: Visit) -> QuerySet[User]:
    """Colleagues `user` may hand `visit` to: active, of the visit's court, able to act on a visit there,
    neither `user` nor the person already responsible."""
    return (
        User.objects.filter(court_id=visit.court_id, is_active=True)
        .filter(
            Q(
                groups__permissions__codename__in=RECEIVING_PERMISSIONS,
                groups__permissions__content_type__app_label="courthall",
            )
            | Q(
                user_permissions__codename__in=RECEIVING_PERMISSIONS,
                user_permissions__content_type__app_label="courthall",
            )
            | Q(is_superuser=True)
        )
        .exclude(pk__in=[user.pk, visit.responsible_id])
        .select_related("department")
        .distinct()
        .order_by("department__name", "full_name", "username")
    )


def visit_handover_departments(*, visit: Visit) -> QuerySet[Department]:
    """The departments of the visit's court, the one it already sits with left out."""
    return Department.objects.filter(court_id=visit.court_id).exclude(pk=visit.responsible_department_id)
