from django.contrib import admin

from courthall.admin import CourtScopedAdmin
from hotline.models import LineShift

# --- staffing (issue 6, part STAFFING): the roster the staffing chart reads ------------------------------


@admin.register(LineShift)
class LineShiftAdmin(CourtScopedAdmin):
    # A court's administrator sees and rosters only their own court's people (autocomplete reads UserAdmin,
    # which is court-scoped too).
    list_display = ["on", "starts_at", "ends_at", "duty", "person", "court"]
    list_filter = ["duty", "court", "on"]
    date_hierarchy = "on"
    search_fields = ["person__username", "person__full_name"]
    autocomplete_fields = ["person"]
    ordering = ["-on", "starts_at"]


# --- end staffing ----------------------------------------------------------------------------------------
