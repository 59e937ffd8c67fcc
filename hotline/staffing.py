"""How many agents the line needs (舞钢规范第十条: 只能人等电话，不能电话等人).

Erlang C (M/M/N queue, callers wait rather than hang up): with `a` erlangs of traffic offered to `n`
agents, the share of callers answered within `t` seconds is 1 − C(n, a)·e^(−(n − a)·t / AHT). Erlang B is
computed by its recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) — every step stays in [0, 1], so
large loads do not overflow the factorials of the closed form — and C follows from B.
"""

import math


def erlang_b(agents: int, traffic: float) -> float:
    """Blocking probability of `agents` servers offered `traffic` erlangs (the recurrence above)."""
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = traffic * blocking / (k + traffic * blocking)
    return blocking


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a caller has to wait; 1 when the agents cannot keep up (agents <= traffic)."""
    if agents <= traffic:
        return 1.0
    blocking = erlang_b(agents, traffic)
    return agents * blocking / (agents - traffic * (1 - blocking))


def share_answered_within(
    agents: int, traffic: float, handling_seconds: float, answer_within_seconds: float
) -> float:
    """Share of callers answered within `answer_within_seconds` by `agents` agents."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    waiting = erlang_c(agents, traffic)
    return 1 - waiting * math.exp(-(agents - traffic) * answer_within_seconds / handling_seconds)


def agents_needed(
    calls_per_hour: float,
    handling_seconds: float,
    answer_within_seconds: float = 10,
    service_level: float = 0.9,
) -> int:
    """The smallest number of agents answering `service_level` of the calls within `answer_within_seconds`
    (Erlang C), for `calls_per_hour` calls taking `handling_seconds` each (talk plus wrap-up). No calls, or
    calls of no length, need no agent."""
    if calls_per_hour <= 0 or handling_seconds <= 0:
        return 0
    traffic = calls_per_hour * handling_seconds / 3600
    agents = max(1, math.floor(traffic) + 1)
    while share_answered_within(agents, traffic, handling_seconds, answer_within_seconds) < service_level:
        agents += 1
    return agents
