"""The review clocks of an online filing (舞钢规范第七条, 钢城承诺 一网办好), computed once and stored.

Three limits run at once, and the online queue is ordered by them:
- 当天审核: the same working day (working_deadline(day, 0)); a duty for filings flagged 涉营商环境, shown
  in red once missed; for the others the hall's target.
- 3 个工作日: the hall's outer limit for reviewing any online filing (seed 002).
- the statutory period of 登记立案规定 art. 8 (7 days civil/administrative …): Filing.decision_due_on,
  the same as for a counter filing.
A filing submitted in the evening or on a rest day is reviewed on the next working day: "day" here is the
day it counts as received, the next calendar day after COURTHALL_ONLINE_DAY_ENDS_AT.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from courthall import deadlines

OUTER_LIMIT_WORKING_DAYS = 3


def day_ends_at() -> time:
    hours, minutes = (int(part) for part in str(settings.COURTHALL_ONLINE_DAY_ENDS_AT).split(":"))
    return time(hours, minutes)


def counted_on(received_at: datetime) -> date:
    """The day an online submission counts as received for the hall's clocks (court's local time)."""
    local = timezone.localtime(received_at)
    if local.time() >= day_ends_at():
        return local.date() + timedelta(days=1)
    return local.date()


def online_review_dates(received_at: datetime) -> tuple[date, date]:
    """(same-day review date, 3-working-day limit) for a submission received at `received_at`."""
    day = counted_on(received_at)
    return deadlines.working_deadline(day, 0), deadlines.working_deadline(day, OUTER_LIMIT_WORKING_DAYS)
