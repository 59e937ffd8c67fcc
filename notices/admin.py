"""Issued documents, read-only, for a court's administrator: the register of what was sent to whom."""

import json

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html

from courthall.admin import CourtScopedAdmin
from notices.models import Delivery, Notice
from notices.views import pdf_response


@admin.register(Notice)
class NoticeAdmin(CourtScopedAdmin):
    list_display = ["kind", "number", "version", "court", "addressee", "issued_at", "issued_by", "pdf_link"]
    list_filter = ["kind", "issued_at"]
    search_fields = ["number", "addressee", "subject", "verification_code"]
    list_select_related = ["court", "issued_by"]
    date_hierarchy = "issued_at"
    fields = [
        "court",
        "kind",
        "number",
        "version",
        "supersedes",
        "subject",
        "addressee",
        "issued_by",
        "issued_at",
        "template_name",
        "template_version",
        "verification_code",
        "sha256",
        "pdf_link",
        "snapshot_display",
    ]
    readonly_fields = fields
    # Notice keeps no simple_history table (its rows never change): the admin's own history page.
    object_history_template = None

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")

    def get_urls(self):
        # Before the admin's own patterns: "<id>/pdf/" would otherwise be taken for an object id.
        pdf = path(
            "<path:object_id>/pdf/",
            self.admin_site.admin_view(self.pdf_view),
            name="notices_notice_pdf",
        )
        return [pdf, *super().get_urls()]

    def pdf_view(self, request, object_id):
        notice = self.get_object(request, unquote(object_id))
        if notice is None or not self.has_view_permission(request, notice):
            raise Http404
        return pdf_response(notice)

    def history_view(self, request, object_id, extra_context=None):
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)

    @admin.display(description="PDF")
    def pdf_link(self, notice: Notice) -> str:
        url = reverse(f"{self.admin_site.name}:notices_notice_pdf", args=[notice.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">查看 PDF</a>', url)

    @admin.display(description="文书数据")
    def snapshot_display(self, notice: Notice) -> str:
        return format_html("<pre>{}</pre>", json.dumps(notice.snapshot, ensure_ascii=False, indent=2))

    def has_add_permission(self, request) -> bool:
        return False  # documents are issued by notices.services, never typed in

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(CourtScopedAdmin):
    """电子送达记录: what was served on whom, when announced and when opened; read-only."""

    court_field = "notice__court"
    list_display = ["notice", "recipient", "created_at", "announced_at", "served_at"]
    list_filter = ["served_at", "created_at"]
    search_fields = ["notice__number", "recipient__full_name", "recipient__username"]
    list_select_related = ["notice", "recipient"]
    date_hierarchy = "created_at"
    fields = ["notice", "recipient", "created_at", "sms", "announced_at", "served_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("notice__pdf", "notice__snapshot")

    def has_add_permission(self, request) -> bool:
        return False  # deliveries are made by notices.services.notice_deliver

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
