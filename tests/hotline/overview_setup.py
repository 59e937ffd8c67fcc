"""The small data set the overview panel's tests count by hand (issue 7, part hotline_panel).

Today is Monday 12 October 2026, 18:00 in Beijing. The period asked for is 1–10 October 2026, compared with
the ten days before it (21–30 September). National Day runs 1–7 October and Saturday 10 October is a make-up
working day (DOMAIN.md §4, the seeded holiday table). Tickets are transferred and replied to through the
services, at the moment each one happened, so their stored clocks are the ones the services wrote.

What happened (A–I the tickets, "due" the transfer day stored when the ticket was taken):

    A complaint       taken 10-01 (holiday)  due 10-08  transferred 10-08 15:00  same day
                      reply due 10-10 (Fri 10-09, make-up Sat 10-10)  replied 10-10  in time
    B suggestion      taken 10-03 (holiday)  due 10-08  transferred 10-09        late
                      reply due 10-12, not replied yet: not late yet
    C contact_judge   taken 10-09 (Fri)      due 10-09  transferred 10-10 07:30  late (10-09 23:30 UTC)
                      reply due 10-13, not replied yet
    D complaint       taken 10-10 (make-up)  due 10-10  transferred 10-10 16:00  same day
                      reply due 10-13, replied 10-12: in time
    E consultation    taken 10-02, no transfer clock; transferred 10-08, reply due 10-10, never replied
    F complaint       taken 09-30            due 09-30  transferred 10-08        late (comparison period)
                      reply due 10-10, replied 10-12: late
    G complaint       taken 10-10            due 10-10  still open on 10-12     late, and overdue now
    H contact_judge   taken 10-09, its stored transfer day later set to 10-12 (an administrator's
                      correction of the holiday table): transferred 10-12 — same day by the stored value
    I complaint       taken 09-29            due 09-29  transferred 09-29        same day (comparison)
                      reply due 10-08 (09-30, then the holiday to 10-07): replied 10-08, in time
    S1 consultation 10-05 satisfied; S2 query 10-06 dissatisfied; S3 consultation 09-22 satisfied
"""

from datetime import date

from courthall.models import Court
from hotline.models import CallState, Satisfaction, TicketKind, TicketState
from hotline.services.routing import ticket_transfer, transfer_reply
from tests.hotline.factories import CallFactory, TicketFactory
from tests.hotline.routing_setup import Hall, at, frozen

NOW = "2026-10-12"
PERIOD_QUERY = {"from": "2026-10-01", "to": "2026-10-10", "compare": "previous"}


def _taken(hall: Hall, day: str, kind: str, clock: str = "10:00"):
    with frozen(day, clock):
        return hall.ticket(kind=kind, subject=f"{kind} {day}")


def _transfer(hall: Hall, ticket, day: str, clock: str = "10:00"):
    with frozen(day, clock):
        return ticket_transfer(ticket=ticket, user=hall.agent, to_user=hall.judge, note="请联系来电人")


def _reply(hall: Hall, transfer, day: str, clock: str = "11:00"):
    with frozen(day, clock):
        return transfer_reply(transfer=transfer, user=hall.judge, reply="已联系来电人")


def tickets_and_transfers(hall: Hall) -> dict:
    a = _taken(hall, "2026-10-01", TicketKind.COMPLAINT)
    b = _taken(hall, "2026-10-03", TicketKind.SUGGESTION)
    c = _taken(hall, "2026-10-09", TicketKind.CONTACT_JUDGE)
    d = _taken(hall, "2026-10-10", TicketKind.COMPLAINT)
    e = _taken(hall, "2026-10-02", TicketKind.CONSULTATION)
    f = _taken(hall, "2026-09-30", TicketKind.COMPLAINT)
    g = _taken(hall, "2026-10-10", TicketKind.COMPLAINT, "17:00")
    h = _taken(hall, "2026-10-09", TicketKind.CONTACT_JUDGE, "16:00")
    h.transfer_due_on = date(2026, 10, 12)
    h.save(update_fields=["transfer_due_on"])
    i = _taken(hall, "2026-09-29", TicketKind.COMPLAINT)

    _reply(hall, _transfer(hall, i, "2026-09-29", "15:00"), "2026-10-08")
    to_a = _transfer(hall, a, "2026-10-08", "15:00")
    to_e = _transfer(hall, e, "2026-10-08", "10:30")
    to_f = _transfer(hall, f, "2026-10-08", "11:00")
    _transfer(hall, b, "2026-10-09")
    _transfer(hall, c, "2026-10-10", "07:30")
    to_d = _transfer(hall, d, "2026-10-10", "16:00")
    _reply(hall, to_a, "2026-10-10")
    _reply(hall, to_d, "2026-10-12", "09:00")
    _reply(hall, to_f, "2026-10-12", "10:00")
    _transfer(hall, h, "2026-10-12", "09:00")

    for day, kind, satisfaction in (
        ("2026-10-05", TicketKind.CONSULTATION, Satisfaction.SATISFIED),
        ("2026-10-06", TicketKind.QUERY, Satisfaction.DISSATISFIED),
        ("2026-09-22", TicketKind.CONSULTATION, Satisfaction.SATISFIED),
    ):
        TicketFactory(
            court=hall.court,
            kind=kind,
            state=TicketState.CLOSED,
            satisfaction=satisfaction,
            opened_at=at(day),
            opened_by=hall.agent,
        )
    # Another court's complaint, never transferred: on none of our figures.
    TicketFactory(court=hall.other_court, kind=TicketKind.COMPLAINT, opened_at=at("2026-10-05"))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "i": i, "to_e": to_e}


def calls(court: Court, other_court: Court) -> None:
    """Period: 8 offered (4 answered, 3 missed — one called back — and one still ringing); comparison: 2,
    both answered. Missed and not called back, due before today: 10-08, 10-10 and 09-20."""

    def call(day: str, clock: str = "10:00", **fields):
        CallFactory(court=court, offered_at=at(day, clock), **fields)

    def missed(day: str, **fields):
        call(day, state=CallState.ABANDONED, agent=None, callback_due_on=date.fromisoformat(day), **fields)

    for _ in range(3):
        call("2026-10-08")
    missed("2026-10-08", called_back_at=at("2026-10-08", "11:00"))
    missed("2026-10-08")
    call("2026-10-08", state=CallState.RINGING, agent=None)
    call("2026-10-10")
    missed("2026-10-10")
    call("2026-09-25")
    call("2026-09-25", "11:00")
    missed("2026-09-20")  # before both periods, still waiting: overdue now all the same
    missed("2026-10-12")  # today, due today: waiting, not overdue
    CallFactory(court=other_court, offered_at=at("2026-10-08"))
