"""The filing's state machine: every (state, transition) pair → the next state, or refused."""

import pytest
from django_fsm import TransitionNotAllowed

from filing.models import Filing, FilingState

S = FilingState
TRANSITIONS = [
    "decide_later",
    "register",
    "return_for_correction",
    "receive_corrections",
    "lapse_correction",
    "refuse",
    "decline_jurisdiction",
    "withdraw",
    "treat_as_withdrawn",
    "send_to_mediation",
    "settle_in_mediation",
    "withdraw_from_mediation",
    "end_mediation",
]
# state → {transition: next state}; every pair not listed is refused.
ALLOWED = {
    S.RECEIVED: {
        "decide_later": S.UNDER_REVIEW,
        "register": S.REGISTERED,
        "return_for_correction": S.AWAITING_CORRECTION,
        "refuse": S.REFUSED,
        "decline_jurisdiction": S.NOT_COMPETENT,
        "withdraw": S.WITHDRAWN,
        "send_to_mediation": S.IN_MEDIATION,
    },
    S.UNDER_REVIEW: {
        "register": S.REGISTERED,
        "return_for_correction": S.AWAITING_CORRECTION,
        "refuse": S.REFUSED,
        "decline_jurisdiction": S.NOT_COMPETENT,
        "withdraw": S.WITHDRAWN,
        "send_to_mediation": S.IN_MEDIATION,
    },
    S.AWAITING_CORRECTION: {
        "receive_corrections": S.UNDER_REVIEW,
        "lapse_correction": S.RETURNED,
        "refuse": S.REFUSED,
        "withdraw": S.WITHDRAWN,
    },
    # 登记立案规定 art. 7: after a return, a party who insists gets a written ruling.
    S.RETURNED: {"refuse": S.REFUSED},
    # 诉讼费用交纳办法 art. 22: only a registered case is treated as withdrawn for an unpaid fee.
    S.REGISTERED: {"treat_as_withdrawn": S.TREATED_AS_WITHDRAWN},
    S.REFUSED: {},
    S.NOT_COMPETENT: {},
    S.WITHDRAWN: {},
    S.TREATED_AS_WITHDRAWN: {},
    # 诉前调解: settled, withdrawn, or failed/timed out → back to the decision, which registers at once.
    S.IN_MEDIATION: {
        "settle_in_mediation": S.MEDIATED,
        "withdraw_from_mediation": S.WITHDRAWN,
        "end_mediation": S.UNDER_REVIEW,
    },
    S.MEDIATED: {},
}


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_every_state_and_transition(state, transition):
    filing = Filing(state=state)
    expected = ALLOWED[state].get(transition)
    if expected is None:
        with pytest.raises(TransitionNotAllowed):
            getattr(filing, transition)()
        assert filing.state == state
    else:
        getattr(filing, transition)()
        assert filing.state == expected


def test_the_state_cannot_be_set_by_hand():
    filing = Filing(state=S.RECEIVED)
    with pytest.raises(AttributeError):
        filing.state = S.REGISTERED
