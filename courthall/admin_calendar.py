from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from courthall.models import Holiday


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name"]
