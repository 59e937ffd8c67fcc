from django.contrib import admin, messages
from django.utils import timezone

from hotline.models import TelephonyToken

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
