"""The court's roster of mediators and mediation organisations (特邀调解名册), kept by its administrator.
The window picks from it when sending a filing to pre-filing mediation, or types a mediator in."""

from django.contrib import admin

from courthall.admin import CourtScopedAdmin
from filing.models import Mediator


@admin.register(Mediator)
class MediatorAdmin(CourtScopedAdmin):
    list_display = ["name", "kind", "organisation", "contact", "active", "sort_order", "court"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "organisation"]
    fields = ["court", "name", "kind", "organisation", "contact", "active", "sort_order"]
