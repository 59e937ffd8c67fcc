"""Reads for pre-filing mediation: a filing's mediation panel, the court's list ordered by limit, the roster.

The list is the one place overdue mediations show (钢城承诺六: 严禁无故超期诉前调解): ordered by the stored
due date (DESIGN decision 4), open ones first; a row past its limit without an outcome is overdue.
"""

from django.db.models import F, QuerySet

from filing.models import Filing, Mediation, Mediator


def mediation_of(filing: Filing) -> Mediation | None:
    """The filing's mediation with its extensions, or None when it never went to mediation."""
    return (
        Mediation.objects.select_related("started_by", "ended_by", "confirmation_filing")
        .prefetch_related("extensions__recorded_by")
        .filter(filing_id=filing.pk)
        .first()
    )


def mediation_list_for_court(*, user, include_closed: bool = False) -> QuerySet[Mediation]:
    """The mediations of the user's court: those in progress by due date (the most overdue first); with
    `include_closed`, the ended ones after them, the latest first."""
    mediations = (
        Mediation.objects.filter(court_id=user.court_id)
        .select_related("filing__case_type", "filing__cause", "started_by")
        .prefetch_related("filing__parties")
    )
    if not include_closed:
        return mediations.filter(outcome="").order_by("due_on", "pk")
    return mediations.order_by(F("ended_at").desc(nulls_first=True), "due_on", "pk")


def mediators_for_court(court) -> QuerySet[Mediator]:
    """The court's roster, as the start form offers it."""
    return Mediator.objects.filter(court=court, active=True).order_by("sort_order", "name")
