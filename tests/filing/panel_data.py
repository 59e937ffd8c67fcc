"""Records for the supervisors' panels, written straight to the tables with the dates a test chooses
(the services stamp "now"; a panel's figures are about when things happened)."""

from datetime import date, datetime, time

from django.utils import timezone

from filing.models import (
    CaseType,
    CorrectionItem,
    CorrectionRequest,
    Filing,
    FilingState,
    RoundKind,
    SubmissionRound,
    Visit,
    VisitHandover,
    VisitMatter,
    VisitState,
)


def at(day: date, hour: int = 10) -> datetime:
    """`day` at `hour` o'clock in the court's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def filing(
    court, received_on: date, *, state=FilingState.UNDER_REVIEW, registered_on=None, decided_on=None, **fields
):
    """A filing received on `received_on`; registered (state, registered and decided at, by
    `registered_by`) when `registered_on` is given; `decided_on` sets decided_at for other decisions."""
    values = {
        "court": court,
        "case_type": CaseType.objects.get(code="民初"),
        "claims": "判令被告偿还借款。",
        "received_at": at(received_on),
        "limit_starts_on": received_on,
        "state": state,
    }
    if registered_on is not None:
        values.update(
            state=FilingState.REGISTERED,
            registered_at=at(registered_on, 15),
            decided_at=at(registered_on, 15),
        )
        values.setdefault("decided_by", fields.get("registered_by"))
    if decided_on is not None:
        values["decided_at"] = at(decided_on, 16)
    values.update(fields)
    return Filing.objects.create(**values)


def correction(filing_, by, issued_on: date, *, second_notice: bool = False) -> CorrectionRequest:
    """A correction notice about the filing's first round, with one item (a second notice if asked)."""
    round_ = filing_.rounds.first() or SubmissionRound.objects.create(
        filing=filing_,
        number=1,
        kind=RoundKind.INITIAL,
        submitter_name="张三",
        received_at=filing_.received_at,
        received_by=by,
    )
    request = CorrectionRequest.objects.create(
        filing=filing_, after_round=round_, deadline_on=issued_on, issued_at=at(issued_on, 11), issued_by=by
    )
    CorrectionItem.objects.create(
        request=request,
        material="起诉状",
        problem="缺被告住所",
        provide="补充被告住所",
        second_notice=second_notice,
    )
    return request


def visit(court, responsible, opened_at: datetime, *, closed_at: datetime | None = None) -> Visit:
    created = Visit.objects.create(
        court=court,
        visitor_name="赵六",
        matter=VisitMatter.CONSULTATION,
        opened_by=responsible,
        responsible=responsible,
        state=VisitState.CLOSED if closed_at else VisitState.OPEN,
        closed_at=closed_at,
        outcome="已答复" if closed_at else "",
    )
    Visit.objects.filter(pk=created.pk).update(opened_at=opened_at)  # auto_now_add ignores a given value
    created.refresh_from_db()
    return created


def handover(visit_, from_user, to_user, when: datetime, *, reason: str = "属执行事项") -> VisitHandover:
    created = VisitHandover.objects.create(
        visit=visit_, from_user=from_user, to_user=to_user, reason=reason, party_informed=True
    )
    VisitHandover.objects.filter(pk=created.pk).update(at=when)
    return created
