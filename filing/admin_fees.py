from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from filing.models import FeeSchedule


@admin.register(FeeSchedule)
class FeeScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["province"]
