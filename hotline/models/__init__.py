from hotline.models.calls import (
    Call,
    Callback,
    CallbackOutcome,
    CallEvent,
    CallEventKind,
    CallSource,
    CallState,
    TelephonyToken,
)
from hotline.models.knowledge import KnowledgeAnswer, KnowledgeTopic
from hotline.models.rosters import LineShift, ShiftDuty

# routing (issue 6, part ROUTING)
from hotline.models.routing import LineReminder, ReminderKind
from hotline.models.tickets import (
    TICKET_STATE_BADGES,
    AppointmentKind,
    CaseQuery,
    CaseQueryResult,
    Satisfaction,
    Ticket,
    TicketChannel,
    TicketEvent,
    TicketKind,
    TicketOutcome,
    TicketState,
    Transfer,
    TransferKind,
)

__all__ = [
    "TICKET_STATE_BADGES",
    "AppointmentKind",
    "Call",
    "CallEvent",
    "CallEventKind",
    "CallSource",
    "CallState",
    "Callback",
    "CallbackOutcome",
    "CaseQuery",
    "CaseQueryResult",
    "KnowledgeAnswer",
    "KnowledgeTopic",
    "LineReminder",
    "LineShift",
    "ReminderKind",
    "Satisfaction",
    "ShiftDuty",
    "TelephonyToken",
    "Ticket",
    "TicketChannel",
    "TicketEvent",
    "TicketKind",
    "TicketOutcome",
    "TicketState",
    "Transfer",
    "TransferKind",
]
