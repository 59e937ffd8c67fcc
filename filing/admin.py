from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from filing.models import CaseType, CauseOfAction, ChecklistItem


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = [
        "name",
        "condition",
        "copies",
        "copies_per_opponent",
        "original_required",
        "description",
        "sort_order",
    ]


@admin.register(CaseType)
class CaseTypeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "category", "decision_days", "accepts_filings", "sort_order"]
    list_editable = ["sort_order"]
    list_filter = ["category", "accepts_filings"]
    search_fields = ["code", "name"]
    inlines = [ChecklistItemInline]


@admin.register(CauseOfAction)
class CauseOfActionAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "fee_kind", "active", "sort_order"]
    list_filter = ["category", "active"]
    search_fields = ["name"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "case_type", "condition", "copies", "copies_per_opponent", "original_required"]
    list_filter = ["case_type", "condition"]
    search_fields = ["name"]


# The provinces' fee schedules; 自动分案 (departments' case types, judges' weights and absences); the
# court's roster of mediators (特邀调解名册).
from filing import admin_assignment, admin_fees, admin_mediation  # noqa: E402, F401
