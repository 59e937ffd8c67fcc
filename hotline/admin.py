from django.contrib import admin, messages
from django.utils import timezone

from courthall.admin import CourtScopedAdmin
from hotline.models import KnowledgeAnswer, LineShift, TelephonyToken

# === tickets at the line (part "tickets") =======================================================


@admin.register(KnowledgeAnswer)
class KnowledgeAnswerAdmin(CourtScopedAdmin):
    """The court's administrator keeps the line's approved answers (答复口径): they see the shared answers
    (no court; loaded from fixtures/knowledge_answers.json, kept by the server's superuser) and their own
    court's, and change or delete only their own court's."""

    list_display = ["question", "topic", "court", "active", "approved_on"]
    list_filter = ["topic", "active"]
    search_fields = ["question", "keywords", "answer"]
    fields = [
        "court",
        "topic",
        "question",
        "keywords",
        "answer",
        "basis",
        "active",
        "approved_by",
        "approved_on",
    ]

    def get_queryset(self, request):
        queryset = super(CourtScopedAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(court__isnull=True) | queryset.filter(court_id=request.user.court_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "court" and not request.user.is_superuser:
            field.required = True  # an administrator's answers are their court's
            field.empty_label = None
        if db_field.name == "approved_by" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(court_id=request.user.court_id)
        return field

    def _own(self, request, obj) -> bool:
        return obj is None or request.user.is_superuser or obj.court_id == request.user.court_id

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._own(request, obj)


# === end tickets =======================================================================================

# --- calls (issue 6, part CALLS): the telephony system's tokens --------------------------------------------


@admin.register(TelephonyToken)
class TelephonyTokenAdmin(admin.ModelAdmin):
    """Tokens are made by `manage.py hotline_token "<court>"`, which shows the token once; here they are
    listed and revoked. Only the SHA-256 is kept, so a lost token is revoked and a new one made."""

    list_display = ("court", "name", "created_at", "revoked_at")
    list_filter = ("court", ("revoked_at", admin.EmptyFieldListFilter))
    readonly_fields = ("court", "digest", "created_at", "revoked_at")
    fields = ("court", "name", "digest", "created_at", "revoked_at")
    actions = ("revoke",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, not deleted: the log of who pushed what keeps its meaning

    @admin.action(description="停用所选令牌")
    def revoke(self, request, queryset) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request, f"已停用 {count} 个令牌；话务系统使用它们推送将被拒绝（401）。", messages.SUCCESS
        )


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
