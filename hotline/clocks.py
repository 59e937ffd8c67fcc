"""The line's time limits, each from courthall.deadlines with the court's settings (DOMAIN.md §7).

Computed once when the clock starts and stored on the Call or Ticket (DESIGN decision 4); the queues, the
overdue list and the dashboard read the stored dates.
"""

from datetime import date

from django.conf import settings

from courthall.deadlines import working_deadline


def transfer_due_on(kind: str, opened_on: date) -> date | None:
    """When a ticket of `kind` taken on `opened_on` must be transferred; None when its kind has no such
    clock. Seed 002: 联系类、投诉类、建议类事项当日转交 — the same working day (the next one, for a ticket
    taken on a rest day)."""
    if kind not in settings.COURTHALL_HOTLINE_SAME_DAY_TRANSFER_KINDS:
        return None
    return working_deadline(opened_on, 0)


def reply_due_on(kind: str, transferred_on: date) -> date:
    """The last day for the receiver of a transfer to reply: 2 working days by default (DOMAIN.md §7),
    3 for appointments (阅卷 within 3 working days); a setting per kind."""
    days = settings.COURTHALL_HOTLINE_REPLY_WORKING_DAYS
    return working_deadline(transferred_on, days.get(kind, days["default"]))


def duty_reply_due_on(asked_on: date) -> date:
    """The duty judge answers the agent's question the day it is asked (the judge is on duty that day)."""
    return working_deadline(asked_on, 0)


def callback_due_on(offered_on: date) -> date:
    """A missed call is called back the same working day (钢城承诺三: 接通率 100%)."""
    return working_deadline(offered_on, settings.COURTHALL_HOTLINE_CALLBACK_WORKING_DAYS)


def answer_due_on(replied_on: date) -> date:
    """Once the receiver's reply is in, the caller is given it the same working day (seed 002 一次办好)."""
    return working_deadline(replied_on, settings.COURTHALL_HOTLINE_ANSWER_WORKING_DAYS)
