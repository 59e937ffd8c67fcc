"""Back-office configuration. A court's system administrator sees and edits only their own court."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from courthall.models import Court, Department, OneTimeCode, PortalAccount, SmsMessage, User


class CourtScopedAdmin(SimpleHistoryAdmin):
    """Limits the changelist, the change pages and foreign-key choices to the administrator's court.

    `court_field` is the lookup from the model to its court ("" for Court itself). A superuser sees all.
    """

    court_field = "court"

    def _court_filter(self, request) -> dict:
        if request.user.is_superuser:
            return {}
        lookup = f"{self.court_field}__pk" if self.court_field else "pk"
        return {lookup: request.user.court_id}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**self._court_filter(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.related_model is Court:
                kwargs["queryset"] = Court.objects.filter(pk=request.user.court_id)
            elif db_field.related_model is Department:
                kwargs["queryset"] = Department.objects.filter(court_id=request.user.court_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and (
            request.user.is_superuser or bool(request.user.court_id)
        )


@admin.register(Court)
class CourtAdmin(CourtScopedAdmin):
    court_field = ""
    list_display = ["name", "code", "province", "hotline_phone", "supervision_phone"]
    search_fields = ["name", "code"]
    fieldsets = [
        (None, {"fields": ["name", "code", "province", "address", "appeal_court"]}),
        ("对外电话", {"fields": ["hotline_phone", "complaint_phone", "supervision_phone"]}),
        ("诉讼费收款账户", {"fields": ["fee_account_name", "fee_account_bank", "fee_account_number"]}),
    ]

    def has_add_permission(self, request) -> bool:
        # A new court is a new tenant: only a superuser opens one.
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Department)
class DepartmentAdmin(CourtScopedAdmin):
    list_display = ["name", "kind", "court", "phone"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(CourtScopedAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "court", "department", "is_active"]
    list_filter = ["groups", "is_active"]
    search_fields = ["username", "full_name", "mobile"]
    ordering = ["court", "username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["full_name", "mobile", "email"]}),
        ("所属", {"fields": ["court", "department"]}),
        ("岗位与权限", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("重要日期", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "court", "department", "password1", "password2"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["last_login", "date_joined"]
        # A court administrator manages their own staff but cannot make anyone a superuser or move
        # them to another court, nor hand out permissions outside the roles.
        return ["last_login", "date_joined", "is_superuser", "user_permissions"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the system writes and people only read."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SmsMessage)
class SmsMessageAdmin(ReadOnlyAdmin):
    """The SMS outbox: server-wide (a portal user belongs to no court); superusers and the role 系统管理员
    (courthall.view_smsmessage) read it, e.g. to tell a person the code when no gateway is connected."""

    list_display = ["created_at", "mobile", "purpose", "sent_at", "sender", "error"]
    list_filter = ["purpose"]
    search_fields = ["mobile"]
    date_hierarchy = "created_at"


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "mobile", "purpose", "expires_at", "attempts", "used_at"]
    list_filter = ["purpose"]
    search_fields = ["mobile"]
    exclude = ["code_hash"]


@admin.register(PortalAccount)
class PortalAccountAdmin(SimpleHistoryAdmin):
    """Portal accounts belong to no court: only a superuser manages them here; clerks verify them on the
    verification page (accounts:verification_list)."""

    list_display = ["user", "kind", "firm", "mobile_confirmed_at", "verified_at", "rejected_at"]
    list_filter = ["kind"]
    search_fields = ["user__full_name", "user__username", "id_number", "licence_number"]
    raw_id_fields = ["user", "supervising_lawyer", "verified_by", "rejected_by"]
    readonly_fields = ["created_at"]


from courthall import admin_calendar  # noqa: E402, F401  (the holiday table's admin)
from courthall.roster import admin as roster_admin  # noqa: E402, F401  (issue 7: the hall roster's admin)
