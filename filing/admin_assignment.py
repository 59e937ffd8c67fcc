"""Back-office configuration of automatic assignment (自动分案): which departments take which case types,
the judges' weights and absences, and the assignments made (read only). A court's administrator sees and
chooses only their own court's departments and judges (courthall.admin.CourtScopedAdmin)."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from courthall.admin import CourtScopedAdmin
from filing.models import Assignment, DepartmentCaseType, JudgeAbsence, JudgeAssignmentSetting


class JudgeScopedAdmin(CourtScopedAdmin):
    """A judge field offers the administrator's own court's staff only."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is get_user_model() and not request.user.is_superuser:
            kwargs["queryset"] = get_user_model().objects.filter(court_id=request.user.court_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(DepartmentCaseType)
class DepartmentCaseTypeAdmin(CourtScopedAdmin):
    court_field = "department__court"
    list_display = ["department", "case_type"]
    list_filter = ["case_type__category", "department__kind"]
    search_fields = ["department__name", "case_type__code", "case_type__name"]


@admin.register(JudgeAssignmentSetting)
class JudgeAssignmentSettingAdmin(JudgeScopedAdmin):
    court_field = "judge__court"
    list_display = ["judge", "weight", "takes_new_cases", "note"]
    list_filter = ["takes_new_cases"]
    search_fields = ["judge__full_name", "judge__username"]


@admin.register(JudgeAbsence)
class JudgeAbsenceAdmin(JudgeScopedAdmin):
    court_field = "judge__court"
    list_display = ["judge", "kind", "starts_on", "ends_on", "note"]
    list_filter = ["kind"]
    search_fields = ["judge__full_name", "judge__username"]
    date_hierarchy = "starts_on"


@admin.register(Assignment)
class AssignmentAdmin(CourtScopedAdmin):
    """The record of every assignment, as made: read only (a reassignment is made on the filing's page)."""

    court_field = "filing__court"
    list_display = ["filing", "kind", "judge", "department", "at", "by"]
    list_filter = ["kind"]
    search_fields = ["filing__case_number", "judge__full_name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
