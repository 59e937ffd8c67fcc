"""The overview generator's calendar: the last days up to today, their working-day flags, and the
limits of courthall.deadlines computed once per (day, period) rather than once per filing."""

from datetime import date, datetime, timedelta


def shares(total: int, weights: list[float]) -> list[int]:
    """`total` shared out by `weights`, exactly (rounding the running sum)."""
    counts, given, running, whole = [], 0, 0.0, sum(weights)
    for weight in weights:
        running += total * weight / whole
        counts.append(round(running) - given)
        given += counts[-1]
    return counts


class Clocks:
    def __init__(self, *, today: date, now: datetime) -> None:
        from django.utils import timezone

        from filing import clocks

        self.today, self.now = today, now
        self.tz = timezone.get_current_timezone()
        self.day_ends = clocks.day_ends_at()  # an online filing after this counts from the next day
        self._statutory: dict[tuple[date, int], date] = {}
        self._working: dict[tuple[date, int], date] = {}

    def last_days(self, days: int) -> list[date]:
        return [self.today - timedelta(days=n) for n in range(days - 1, -1, -1)]

    def statutory(self, day: date, days: int) -> date:
        from courthall import deadlines

        key = (day, days)
        if key not in self._statutory:
            self._statutory[key] = deadlines.statutory_deadline(day, days)
        return self._statutory[key]

    def working(self, day: date, days: int) -> date:
        from courthall import deadlines

        key = (day, days)
        if key not in self._working:
            self._working[key] = deadlines.working_deadline(day, days)
        return self._working[key]

    def at(self, day: date, minutes: int) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=self.tz) + timedelta(minutes=minutes)

    def past(self, moment: datetime, after: datetime) -> datetime:
        """`moment`, but not later than now (a decision cannot be in the future) nor before `after`."""
        latest = self.now - timedelta(minutes=1)
        return max(after + timedelta(minutes=1), min(moment, latest))

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()
