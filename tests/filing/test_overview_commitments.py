"""The service commitments filing keeps (服务承诺): registered, measured by hand, and equal to the panel's."""

from datetime import date

import pytest
import time_machine
from django.http import QueryDict

from courthall import commitments
from courthall.models import Department
from courthall.roles import JUDGE
from courthall.supervision import Period, period_choice_from_query
from filing.models import RoundKind
from filing.selectors.overview_panel import filing_panel
from tests.factories import UserFactory
from tests.filing.conftest import civil_filing
from tests.filing.factories_overview import RoundFactory, at, hand_counted_data

TODAY = date(2026, 11, 18)
PERIOD = Period(date(2026, 11, 2), date(2026, 11, 15))


@pytest.fixture
def data(wugang, clerk, supervisor):
    department = Department.objects.get(court=wugang, name="民事审判庭")
    judge = UserFactory(court=wugang, full_name="王法官", role=JUDGE, department=department)
    return hand_counted_data(wugang, clerk=clerk, supervisor=supervisor, judge=judge, department=department)


def measured(key, court):
    commitment = next(c for c in commitments.registered() if c.key == key)
    return commitment.measure(court_id=court.pk, period=PERIOD)


def test_filing_registers_its_three_commitments():
    keys = [c.key for c in commitments.registered()]
    assert {"filing.receipts", "filing.same_day_review", "filing.one_complete_notice"} <= set(keys)


@time_machine.travel(at("2026-11-18", "10:00"), tick=False)
def test_same_day_review_and_one_complete_notice(data, wugang):
    # Online filings counted as received 11-02..15 with their review due: S (after 17:00 on 11-01, reviewed
    # 11-02 — met), J (reviewed 11-06 for 11-04 — missed), L (correction notice 11-05 — met), E (still
    # unreviewed, due 11-10 — missed). T came 11-15 18:00: it counts from 11-16, outside the period.
    review = measured("filing.same_day_review", wugang)
    assert (review.met, review.total) == (2, 4)
    assert "figure=online_reviews_due" in review.list_url and "from=2026-11-02" in review.list_url
    # Notices issued: G, L's first, L's follow-up; the follow-up holds a second-notice item.
    notice = measured("filing.one_complete_notice", wugang)
    assert (notice.met, notice.total) == (2, 3)


def test_receipts_for_every_submission(wugang, clerk, pdf_fonts):
    with time_machine.travel(at("2026-11-03", "09:00"), tick=False):
        civil_filing(clerk)  # round 1 with its receipt, issued by the service
        second = civil_filing(clerk)
    # A round recorded without a receipt (as an import from an old system might): the commitment missed.
    RoundFactory(
        filing=second, number=2, kind=RoundKind.CORRECTION, received_by=clerk, received_at=at("2026-11-04")
    )
    with time_machine.travel(at("2026-11-18", "10:00"), tick=False):
        receipts = measured("filing.receipts", wugang)
    assert (receipts.met, receipts.total) == (2, 3)


@time_machine.travel(at("2026-11-18", "10:00"), tick=False)
def test_the_public_figures_equal_the_panels(data, wugang):
    choice = period_choice_from_query(QueryDict("from=2026-11-02&to=2026-11-15"), today=TODAY)
    on_panel = {
        c.key: a for c, a in filing_panel(court_id=wugang.pk, choice=choice, today=TODAY)["commitments"]
    }
    public = dict((c.key, a) for c, a in commitments.achieved(court_id=wugang.pk, period=PERIOD))
    for key in ("filing.receipts", "filing.same_day_review", "filing.one_complete_notice"):
        assert on_panel[key] == public[key], key
