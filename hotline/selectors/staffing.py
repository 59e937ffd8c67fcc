"""The staffing chart (舞钢规范第十条: 只能人等电话，不能电话等人): per hour of the week, the calls the line
was offered, the agents Erlang C says they needed, and the agents rostered on `LineShift`."""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay

from hotline.models import Call, CallState, LineShift, ShiftDuty
from hotline.staffing import agents_needed

# The hours the hall's line is staffed (08:00–18:00); an hour outside them is shown only when it had calls
# or a shift.
HALL_HOURS = range(8, 18)
WORKDAYS = range(1, 6)  # ISO weekdays Monday–Friday; a weekend day is shown when it had calls or a shift
WEEKDAY_NAMES = {1: "周一", 2: "周二", 3: "周三", 4: "周四", 5: "周五", 6: "周六", 7: "周日"}
DEFAULT_WEEKS = 4
# Wrap-up after a call (整理时间): none is recorded, so the handling time is the talk time alone.
WRAP_UP_SECONDS = 0


def default_period(today: date) -> tuple[date, date]:
    """The last DEFAULT_WEEKS complete weeks (Monday to Sunday) before the week of `today`."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=DEFAULT_WEEKS), this_monday - timedelta(days=1)


@dataclass(frozen=True)
class HourRow:
    weekday: int
    hour: int
    offered_per_week: float
    answered: int
    offered: int
    handling_seconds: float | None
    needed: int
    rostered: float

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.weekday]

    @property
    def label(self) -> str:
        return f"{self.hour:02d}–{self.hour + 1:02d}"

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.offered if self.offered else None

    @property
    def answer_percent(self) -> str:
        """Like "96.3%", rounded down: 100% only when every call was answered (钢城承诺三)."""
        return f"{math.floor(self.answered * 1000 / self.offered) / 10:g}%" if self.offered else ""

    @property
    def short_by(self) -> float:
        """Agents missing against the need (0 when the roster covers it)."""
        return max(0.0, self.needed - self.rostered)


@dataclass(frozen=True)
class StaffingTable:
    first_on: date
    last_on: date
    answer_within_seconds: int
    service_level: float
    rows: list[HourRow]
    handling_seconds: float | None  # the period's average, used for an hour whose calls were all missed

    @property
    def days(self) -> list[tuple[int, list[HourRow]]]:
        by_day = defaultdict(list)
        for row in self.rows:
            by_day[row.weekday].append(row)
        return sorted(by_day.items())


def _weekday_counts(first_on: date, last_on: date) -> dict[int, int]:
    """How many Mondays, Tuesdays… the period holds: each hour of the week is averaged over its own count."""
    counts = dict.fromkeys(range(1, 8), 0)
    for offset in range((last_on - first_on).days + 1):
        counts[(first_on + timedelta(days=offset)).isoweekday()] += 1
    return counts


def _shift_hours(starts_at, ends_at) -> dict[int, float]:
    """The part of each clock hour a shift covers: 08:30–17:30 is half of 08–09, all of 09–17, half of
    17–18."""
    day = date(2000, 1, 1)
    start, end = datetime.combine(day, starts_at), datetime.combine(day, ends_at)
    covered = {}
    for hour in range(start.hour, 24):
        slot_start = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
        slot_end = slot_start + timedelta(hours=1)
        overlap = (min(end, slot_end) - max(start, slot_start)).total_seconds()
        if overlap <= 0:
            break
        covered[hour] = overlap / 3600
    return covered


def staffing_table(*, court_id: int, first_on: date, last_on: date) -> StaffingTable:
    """The staffing figures of `court_id`'s line from `first_on` to `last_on` (inclusive). Two queries,
    whatever the period: the calls grouped by local weekday and hour, the agents' shifts."""
    within = settings.COURTHALL_HOTLINE_ANSWER_WITHIN_SECONDS
    target = settings.COURTHALL_HOTLINE_SERVICE_LEVEL
    answered = Q(state=CallState.ANSWERED)
    # ExtractIsoWeekDay/ExtractHour convert offered_at to the court's local time (TIME_ZONE).
    calls = (
        Call.objects.filter(court_id=court_id, offered_on__gte=first_on, offered_on__lte=last_on)
        .exclude(state__in=[CallState.RINGING, CallState.TALKING])
        .annotate(weekday=ExtractIsoWeekDay("offered_at"), hour=ExtractHour("offered_at"))
        .values("weekday", "hour")
        .annotate(
            offered=Count("pk"),
            answered=Count("pk", filter=answered),
            talked=Count("pk", filter=answered & Q(talk_seconds__isnull=False)),
            talk_seconds=Sum("talk_seconds", filter=answered),
        )
        .order_by()
    )
    by_slot = {(row["weekday"], row["hour"]): row for row in calls}
    talked = sum(row["talked"] for row in by_slot.values())
    overall_handling = (
        sum(row["talk_seconds"] or 0 for row in by_slot.values()) / talked + WRAP_UP_SECONDS
        if talked
        else None
    )

    rostered = defaultdict(float)
    shifts = LineShift.objects.filter(
        court_id=court_id, duty=ShiftDuty.AGENT, on__gte=first_on, on__lte=last_on
    ).values_list("on", "starts_at", "ends_at")
    for on, starts_at, ends_at in shifts:
        for hour, share in _shift_hours(starts_at, ends_at).items():
            rostered[(on.isoweekday(), hour)] += share

    weeks_of = _weekday_counts(first_on, last_on)
    with_data = set(by_slot) | set(rostered)
    days = set(WORKDAYS) | {weekday for weekday, _ in with_data}
    slots = {(day, hour) for day in days for hour in HALL_HOURS} | with_data
    rows = []
    for weekday, hour in sorted(slots):
        weeks = weeks_of[weekday]
        if not weeks:
            continue
        figures = by_slot.get((weekday, hour), {})
        offered_per_week = figures.get("offered", 0) / weeks
        handling = (
            figures["talk_seconds"] / figures["talked"] + WRAP_UP_SECONDS
            if figures.get("talked")
            else overall_handling
        )
        rows.append(
            HourRow(
                weekday=weekday,
                hour=hour,
                offered_per_week=offered_per_week,
                answered=figures.get("answered", 0),
                offered=figures.get("offered", 0),
                handling_seconds=handling,
                needed=agents_needed(offered_per_week, handling or 0, within, target),
                rostered=rostered.get((weekday, hour), 0.0) / weeks,
            )
        )
    return StaffingTable(
        first_on=first_on,
        last_on=last_on,
        answer_within_seconds=within,
        service_level=target,
        rows=rows,
        handling_seconds=overall_handling,
    )
