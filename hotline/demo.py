"""Demo data for the line (`manage.py hotline_demo`, run by `make run` after the demo users): the demo
agents' and duty judges' shifts around today, and four weeks of calls so that the call log, the callback
list and the staffing chart have something to show. Never for a production server."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from courthall.deadlines import is_working_day
from courthall.models import User
from hotline.clocks import callback_due_on
from hotline.models import Call, CallSource, CallState, LineShift, ShiftDuty

DEMO_CALL_PREFIX = "DEMO-"
# (demo username, duty): one agent and one duty judge per demo court.
DEMO_SHIFTS = (
    ("wg_agent", ShiftDuty.AGENT),
    ("wg_duty_judge", ShiftDuty.DUTY_JUDGE),
    ("gc_agent", ShiftDuty.AGENT),
    ("gc_duty_judge", ShiftDuty.DUTY_JUDGE),
)
WEEKS_BACK = 4
DAYS_AHEAD = 14
# Calls an hour on a working day, 08:00–18:00: a morning peak and a smaller one after lunch.
HOURLY_CALLS = {8: 3, 9: 6, 10: 7, 11: 5, 12: 1, 13: 2, 14: 5, 15: 6, 16: 4, 17: 2}


def _working_days(first, last):
    day = first
    while day <= last:
        if is_working_day(day):
            yield day
        day += timedelta(days=1)


@transaction.atomic
def load_hotline_demo() -> tuple[int, int]:
    """Create what is missing; returns (shifts created, calls created). Safe to run again."""
    today = timezone.localdate()
    first = today - timedelta(weeks=WEEKS_BACK)
    days = list(_working_days(first, today + timedelta(days=DAYS_AHEAD)))
    shifts = 0
    for username, duty in DEMO_SHIFTS:
        person = User.objects.filter(username=username).first()
        if person is None:
            continue
        have = set(LineShift.objects.filter(person=person, duty=duty).values_list("on", flat=True))
        new = [
            LineShift(
                court_id=person.court_id,
                duty=duty,
                person=person,
                on=day,
                starts_at=time(8, 30),
                ends_at=time(17, 30),
            )
            for day in days
            if day not in have
        ]
        LineShift.objects.bulk_create(new)
        shifts += len(new)
    calls = 0
    for username, duty in DEMO_SHIFTS:
        agent = User.objects.filter(username=username).first()
        if duty != ShiftDuty.AGENT or agent is None:
            continue
        if Call.objects.filter(court_id=agent.court_id, call_id__startswith=DEMO_CALL_PREFIX).exists():
            continue
        calls += _demo_calls(agent, [day for day in days if first <= day < today])
    return shifts, calls


def _demo_calls(agent: User, days) -> int:
    rng = random.Random(agent.pk)
    zone = timezone.get_current_timezone()
    rows = []
    for day in days:
        for hour, mean in HOURLY_CALLS.items():
            for _ in range(max(0, round(rng.gauss(mean, 1.5)))):
                offered_at = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), zone)
                wait = rng.randint(2, 25)
                abandoned = rng.random() < 0.06
                row = Call(
                    court_id=agent.court_id,
                    call_id=f"{DEMO_CALL_PREFIX}{len(rows) + 1:06d}",
                    source=CallSource.TELEPHONY,
                    caller_number=f"13{rng.randrange(10**9):09d}",
                    offered_at=offered_at,
                    offered_on=day,
                    wait_seconds=wait,
                    note="演示数据",
                )
                if abandoned:
                    row.state = CallState.ABANDONED
                    row.ended_at = offered_at + timedelta(seconds=wait)
                    row.callback_due_on = callback_due_on(day)
                    # The past's missed calls were called back; the list shows only today's.
                    row.called_back_at = row.ended_at + timedelta(minutes=rng.randint(5, 90))
                else:
                    talk = max(30, round(rng.gauss(200, 70)))
                    row.state = CallState.ANSWERED
                    row.agent = agent
                    row.answered_at = offered_at + timedelta(seconds=wait)
                    row.ended_at = row.answered_at + timedelta(seconds=talk)
                    row.talk_seconds = talk
                rows.append(row)
    # Two callers missed within the last hour wait on today's callback list.
    now = timezone.now()
    for minutes in (20, 50):
        offered_at = now - timedelta(minutes=minutes)
        rows.append(
            Call(
                court_id=agent.court_id,
                call_id=f"{DEMO_CALL_PREFIX}{len(rows) + 1:06d}",
                source=CallSource.TELEPHONY,
                caller_number=f"13{rng.randrange(10**9):09d}",
                state=CallState.ABANDONED,
                offered_at=offered_at,
                offered_on=timezone.localdate(offered_at),
                ended_at=offered_at + timedelta(seconds=31),
                wait_seconds=31,
                callback_due_on=callback_due_on(timezone.localdate(offered_at)),
                note="演示数据",
            )
        )
    Call.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
