from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from hotline.models import Call, CallState, LineShift, ShiftDuty


@pytest.mark.django_db
@time_machine.travel("2026-12-02 10:00 +0800", tick=False)
def test_hotline_demo_rosters_and_calls_once(demo_users):
    call_command("hotline_demo")
    shifts = LineShift.objects.count()
    calls = Call.objects.count()
    # 舞钢's duty judge is on duty today, so an agent can put a question to them.
    assert LineShift.objects.filter(
        duty=ShiftDuty.DUTY_JUDGE, on=date(2026, 12, 2), person__username="wg_duty_judge"
    ).exists()
    # Today's two missed calls wait on the callback list; the past's were called back.
    waiting = Call.objects.filter(state=CallState.ABANDONED, called_back_at__isnull=True)
    assert waiting.count() == 4  # two per demo court
    assert set(waiting.values_list("callback_due_on", flat=True)) == {date(2026, 12, 2)}
    assert calls > 1000

    call_command("hotline_demo")
    assert (LineShift.objects.count(), Call.objects.count()) == (shifts, calls)
