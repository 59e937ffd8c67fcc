"""Posts and their opening hours, configured by the court's administrator (舞钢规范第十三条); the roster's
records, read only (they are written by the staff's own actions, through courthall.roster.services)."""

from django.contrib import admin

from courthall.admin import CourtScopedAdmin, ReadOnlyAdmin
from courthall.roster.models import Attendance, LeaveRequest, OpeningSpan, Outing, Post, PostHolding


class OpeningSpanInline(admin.TabularInline):
    model = OpeningSpan
    extra = 2
    verbose_name = "开放时段（工作日，含调休上班日）"
    verbose_name_plural = "开放时段（工作日，含调休上班日；法定节假日和周末不开放）"


@admin.register(Post)
class PostAdmin(CourtScopedAdmin):
    list_display = ["name", "kind", "order", "active", "opened_on", "court"]
    list_filter = ["kind", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]
    inlines = [OpeningSpanInline]


class RecordAdmin(ReadOnlyAdmin, CourtScopedAdmin):
    """What the staff recorded themselves: the court's own, shown, never edited here (the history says who
    did what)."""


@admin.register(PostHolding)
class PostHoldingAdmin(RecordAdmin):
    list_display = ["on", "post", "person", "started_at", "ended_at", "end_reason"]
    list_filter = ["end_reason", "post__kind"]
    search_fields = ["person__full_name", "post__name"]
    date_hierarchy = "on"


@admin.register(Attendance)
class AttendanceAdmin(RecordAdmin):
    list_display = ["on", "person", "signed_in_at", "signed_out_at", "end_reason"]
    list_filter = ["end_reason"]
    search_fields = ["person__full_name"]
    date_hierarchy = "on"


@admin.register(Outing)
class OutingAdmin(RecordAdmin):
    list_display = ["on", "person", "destination", "reason", "went_at", "expected_back_at", "came_back_at"]
    search_fields = ["person__full_name", "destination"]
    date_hierarchy = "on"


@admin.register(LeaveRequest)
class LeaveRequestAdmin(RecordAdmin):
    list_display = ["person", "kind", "starts_at", "ends_at", "state", "decided_by", "decided_at"]
    list_filter = ["state", "kind"]
    search_fields = ["person__full_name"]
    date_hierarchy = "starts_at"
