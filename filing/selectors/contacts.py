"""Filings found by a telephone number: the 12368 line looks a caller up (issue 6: the agent does not ask
twice). Read by hotline; court-scoped, newest first, capped, in a constant number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from filing.models import Agent, Filing, Party


def filings_for_phone(*, court_id: int, number: str, limit: int = 10) -> QuerySet[Filing]:
    """The court's filings where `number` is a party's or an agent's phone, newest first, at most `limit`.
    Each carries `matched_parties` and `matched_agents`: who on the filing has that number."""
    parties = Party.objects.filter(phone=number, filing__court_id=court_id).values("filing_id")
    agents = Agent.objects.filter(phone=number, filing__court_id=court_id).values("filing_id")
    return (
        Filing.objects.filter(court_id=court_id)
        .filter(Q(pk__in=parties) | Q(pk__in=agents))
        .select_related("case_type")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.filter(phone=number), to_attr="matched_parties"),
            Prefetch(
                "agents",
                queryset=Agent.objects.filter(phone=number).select_related("party"),
                to_attr="matched_agents",
            ),
        )
        .order_by("-received_at", "-pk")[:limit]
    )
