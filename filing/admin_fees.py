"""The provinces' fee schedules: the amounts 诉讼费用交纳办法 leaves to each province inside a range.

Every fee calculation reads these rows (filing.fees); a province without a row pays the lower bounds. The
ranges are checked in FeeScheduleForm, not by field validators, so the model and its migrations stay as
they are.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from filing.fees import PROVINCE_AMOUNT_RANGES
from filing.forms_fees import FeeScheduleForm
from filing.models import FeeSchedule


@admin.register(FeeSchedule)
class FeeScheduleAdmin(SimpleHistoryAdmin):
    form = FeeScheduleForm
    list_display = ["province", *PROVINCE_AMOUNT_RANGES]
    fields = ["province", *PROVINCE_AMOUNT_RANGES]
