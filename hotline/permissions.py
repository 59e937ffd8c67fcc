"""Who may do what on the 12368 line: one function per action, used by the button, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason). A record of another court, or one the user may
not see, is never "not allowed": the selectors answer 404 before any of these is asked.
"""

from django.utils import timezone

from courthall.permissions import ALLOWED, Decision, can_enter

# --- calls (issue 6, part CALLS): the call log, calls entered by hand, callbacks ---------------------------

CALL_NOT_MISSED = "这通来电已接听，不在回拨名单上，无需回拨。"
CALL_ALREADY_CALLED_BACK = "这通未接来电已于{when}回拨接通，已不在回拨名单上。"
CALL_RESOLVED_BY_LATER_CALL = "来电人已于{when}再次来电并接通（{call_id}），这通未接来电无需再回拨。"


def can_answer_hotline(user) -> Decision:
    # The same function as routing's (issue 6, part ROUTING): keep one at merge.
    return can_enter(user, "courthall.answer_hotline")


def can_view_calls(user) -> Decision:
    """The call log, the callback list and a caller's records: the line's agents, and the head of the
    service centre, whose panel opens these lists (the figure "abandoned calls not yet called back")."""
    if (decision := can_answer_hotline(user)) or can_enter(user, "courthall.supervise"):
        return ALLOWED
    return decision


def can_enter_call(user) -> Decision:
    """Enter a call by hand (the telephony system was down): an agent of the line."""
    return can_answer_hotline(user)


def can_log_callback(call, user) -> Decision:
    """Log a callback to a missed caller (钢城承诺三): an agent, while the call is still on the list."""
    if not (decision := can_answer_hotline(user)):
        return decision
    if call.state != "abandoned":
        return Decision(False, CALL_NOT_MISSED)
    if call.resolved_by_call_id is not None:
        return Decision(
            False,
            CALL_RESOLVED_BY_LATER_CALL.format(
                when=_shown(call.called_back_at), call_id=call.resolved_by_call.call_id
            ),
        )
    if call.called_back_at is not None:
        return Decision(False, CALL_ALREADY_CALLED_BACK.format(when=_shown(call.called_back_at)))
    return ALLOWED


def _shown(moment) -> str:
    return timezone.localtime(moment).strftime("%Y年%m月%d日 %H:%M")
