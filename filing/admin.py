from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from filing.models import CaseType


@admin.register(CaseType)
class CaseTypeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "category", "decision_days", "accepts_filings", "sort_order"]
    list_editable = ["sort_order"]
    list_filter = ["category", "accepts_filings"]
    search_fields = ["code", "name"]


from filing import admin_fees  # noqa: E402, F401  (the provinces' fee schedules)
