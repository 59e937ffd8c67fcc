"""hotline.staffing: Erlang C against published worked examples and against the closed form."""

import math

import pytest

from hotline.staffing import agents_needed, erlang_b, erlang_c, share_answered_within


def _erlang_c_closed_form(agents: int, traffic: float) -> float:
    # The textbook formula with factorials: fine for small numbers, overflows for large ones.
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    return top / (sum(traffic**k / math.factorial(k) for k in range(agents)) + top)


@pytest.mark.parametrize("agents,traffic", [(3, 2.0), (8, 5.0), (14, 10.0), (55, 48.0), (12, 11.5)])
def test_the_recurrence_agrees_with_the_closed_form(agents, traffic):
    assert erlang_c(agents, traffic) == pytest.approx(_erlang_c_closed_form(agents, traffic), rel=1e-9)


def test_westbay_worked_example_360_calls_a_half_hour_4_minutes_55_agents():
    # Westbay Engineers, "The Erlang-C formula" (erlang.com): 360 calls per 30 minutes of 240 s = 48 erlangs,
    # 55 agents: probability of waiting 0.2388 (23.9%), average speed of answer 8.2 s, 84.6% answered in 15 s.
    assert erlang_c(55, 48.0) == pytest.approx(0.2387, abs=5e-4)
    assert erlang_c(55, 48.0) * 240 / (55 - 48) == pytest.approx(8.2, abs=0.05)
    assert share_answered_within(55, 48.0, 240, 15) == pytest.approx(0.846, abs=5e-4)


def test_call_centre_helper_example_100_calls_in_half_an_hour_needs_14_agents():
    # Call Centre Helper, "Erlang C formula – made simple": 100 calls per 30 minutes, 180 s AHT, 80% in 20 s:
    # 13 agents answer 79.6%, 14 agents 88.8%, so 14 (before shrinkage).
    assert share_answered_within(13, 10.0, 180, 20) == pytest.approx(0.796, abs=5e-4)
    assert share_answered_within(14, 10.0, 180, 20) == pytest.approx(0.888, abs=5e-4)
    assert agents_needed(200, 180, answer_within_seconds=20, service_level=0.8) == 14


def test_100_calls_an_hour_of_3_minutes_at_80_in_20_needs_8_agents():
    # 5 erlangs (the brief's example), checked by hand with the closed form: 7 agents answer 74.0% within
    # 20 s, 8 agents 88.0%.
    assert 1 - _erlang_c_closed_form(7, 5.0) * math.exp(-2 * 20 / 180) == pytest.approx(0.740, abs=5e-4)
    assert agents_needed(100, 180, answer_within_seconds=20, service_level=0.8) == 8


def test_the_line_target_needs_more_agents_than_a_looser_one():
    # Henan's 10 seconds at 90% (the settings' default) is stricter than 80% in 20 s.
    assert agents_needed(100, 180) == 9
    assert agents_needed(100, 180) > agents_needed(100, 180, answer_within_seconds=20, service_level=0.8)


@pytest.mark.parametrize("calls,seconds", [(0, 180), (0.0, 0), (10, 0), (-1, 180)])
def test_no_calls_need_no_agent(calls, seconds):
    assert agents_needed(calls, seconds) == 0


def test_a_trickle_of_calls_still_needs_one_agent():
    assert agents_needed(0.25, 200) == 1


def test_more_agents_than_the_traffic_always_and_never_fewer():
    # An agent is never busier than 100%: the count exceeds the erlangs offered.
    for calls in (1, 7, 40, 300):
        assert agents_needed(calls, 240) > calls * 240 / 3600


def test_large_loads_are_numerically_stable():
    # 2,000 erlangs: the factorials of the closed form overflow a float; the recurrence does not.
    with pytest.raises(OverflowError):
        _erlang_c_closed_form(2100, 2000.0)
    needed = agents_needed(24_000, 300)
    assert 2000 < needed < 2100
    assert 0.0 <= erlang_b(needed, 2000.0) <= 1.0
    assert share_answered_within(needed, 2000.0, 300, 10) >= 0.9
    assert share_answered_within(needed - 1, 2000.0, 300, 10) < 0.9
