"""The per-clerk and per-judge table against a hand-counted set.

Today is 28 December 2026; the default period is 29 November – 28 December, compared with the 30 days
before it (30 October – 28 November).
  张敏 (clerk): first receiver of 3 filings received in the period and of 1 received 10 November (the
    comparison period). She registered 2 of them in the period: one on the spot, one after its limit
    (先行立案, registered_first). She issued 2 correction notices in the period, one with a second-notice
    item. → received 3 (▲2 on 1), registered 2, corrections 2, refused 0, on the spot 1, in time 1,
    late 1, with second notices 1.
  王强 (clerk): first receiver of 1 filing in the period; refused 2 in the period — one decided 10 December
    against a limit of 5 December (late), one decided 3 December against 8 December (in time); one
    correction notice on 20 November (comparison period only). → received 1, refused 2, in time 1, late 1.
  The court's total of received is 8: theirs (3 + 1) and four with no first receiver in these records
    (the two refused, the one treated as withdrawn, and an online filing no clerk has taken yet).
  李法官 (judge): the 2 filings 张敏 registered, assigned in the period, and 1 assigned 15 November, all
    registered → assigned 2 (▲1 on 1), open 3.
  陈法官 (judge): 1 assigned 12 December, since treated as withdrawn → assigned 1, open 0.
  赵法官 (judge) has nothing: listed with zeros.
"""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from courthall import daily_counts
from courthall.roles import CLERK, JUDGE
from courthall.supervision import BAD_DATE, OTHER_COURT, period_choice_from_query
from filing.models import Channel, FilingState
from filing.selectors.people import BAD_PERSON
from filing.selectors.people_panel import people_panel
from tests.factories import CourtFactory, UserFactory
from tests.filing.panel_data import at, correction, filing

TODAY = date(2026, 12, 28)


def dec(day: int) -> date:
    return date(2026, 12, day)


@pytest.fixture
def people(wugang, clerk):
    wang = UserFactory(court=wugang, full_name="王强", role=CLERK)
    li = UserFactory(court=wugang, full_name="李法官", role=JUDGE)
    chen = UserFactory(court=wugang, full_name="陈法官", role=JUDGE)
    UserFactory(court=wugang, full_name="赵法官", role=JUDGE)
    filing(
        wugang,
        dec(1),
        first_receiver=clerk,
        registered_on=dec(1),
        registered_by=clerk,
        registered_on_spot=True,
        judge=li,
        assigned_at=at(dec(1), 16),
    )
    filing(
        wugang,
        dec(2),
        first_receiver=clerk,
        registered_on=dec(14),
        registered_by=clerk,
        registered_first=True,
        decision_due_on=dec(9),
        judge=li,
        assigned_at=at(dec(14), 16),
    )
    corrected = filing(wugang, dec(3), first_receiver=clerk, state=FilingState.AWAITING_CORRECTION)
    correction(corrected, clerk, dec(4))
    correction(corrected, clerk, dec(18), second_notice=True)
    filing(wugang, date(2026, 11, 10), first_receiver=clerk)
    filing(wugang, dec(5), first_receiver=wang)
    filing(
        wugang, dec(1), state=FilingState.REFUSED, decided_on=dec(10), decided_by=wang, decision_due_on=dec(5)
    )
    filing(
        wugang, dec(1), state=FilingState.REFUSED, decided_on=dec(3), decided_by=wang, decision_due_on=dec(8)
    )
    correction(filing(wugang, date(2026, 11, 19)), wang, date(2026, 11, 20))
    filing(wugang, dec(6), channel=Channel.ONLINE)
    filing(
        wugang,
        date(2026, 11, 15),
        registered_on=date(2026, 11, 15),
        registered_by=clerk,
        judge=li,
        assigned_at=at(date(2026, 11, 15), 16),
    )
    filing(
        wugang,
        dec(12),
        state=FilingState.TREATED_AS_WITHDRAWN,
        judge=chen,
        assigned_at=at(dec(12), 16),
        registered_at=at(dec(12), 15),
    )
    # Another court's clerk and filing: nowhere on this court's table.
    other = CourtFactory()
    filing(other, dec(5), first_receiver=UserFactory(court=other, role=CLERK))
    return {"wang": wang, "li": li, "chen": chen}


def table(rows):
    return {row.name: {key: cell.value for key, cell in row.cells} for row in rows}


@time_machine.travel(at(TODAY, 12), tick=False)
def test_per_clerk_and_per_judge(wugang, clerk, people):
    choice = period_choice_from_query(QueryDict(), today=TODAY)
    panel = people_panel(court_id=wugang.pk, choice=choice, today=TODAY)

    clerks = table(panel.clerks)
    assert clerks["张敏"] == {
        "received": 3,
        "registered": 2,
        "corrections": 2,
        "refused": 0,
        "on_spot": 1,
        "in_time": 1,
        "late": 1,
        "second_notices": 1,
    }
    assert clerks["王强"] == {
        "received": 1,
        "registered": 0,
        "corrections": 0,
        "refused": 2,
        "on_spot": 0,
        "in_time": 1,
        "late": 1,
        "second_notices": 0,
    }
    assert set(clerks) == {"张敏", "王强"}  # the other court's clerk is not here
    # The total includes the filings without a first receiver (see the module docstring).
    assert table([panel.clerk_total])["合计"]["received"] == 8
    zhang = next(row for row in panel.clerks if row.name == "张敏")
    assert zhang["received"].earlier == 1 and zhang["received"].change == 2
    assert zhang["refused"].earlier is None  # only received, registered and assigned are compared

    assert table(panel.judges) == {
        "李法官": {"assigned": 2, "open": 3},
        "陈法官": {"assigned": 1, "open": 0},
        "赵法官": {"assigned": 0, "open": 0},
    }
    li = next(row for row in panel.judges if row.name == "李法官")
    assert li["assigned"].earlier == 1


@time_machine.travel(at(TODAY, 12), tick=False)
def test_sorting_by_a_column_and_back(wugang, people):
    def names(sort, order=""):
        params = QueryDict(mutable=True)
        choice = period_choice_from_query(params, today=TODAY)
        return [
            row.name
            for row in people_panel(
                court_id=wugang.pk, choice=choice, today=TODAY, sort=sort, order=order
            ).clerks
        ]

    assert names("received") == ["张敏", "王强"]  # 3, 1: the most first
    assert names("received", "asc") == ["王强", "张敏"]
    assert names("refused") == ["王强", "张敏"]
    panel = people_panel(
        court_id=wugang.pk,
        choice=period_choice_from_query(QueryDict(), today=TODAY),
        today=TODAY,
        sort="refused",
    )
    heading = next(h for h in panel.clerk_headings if h.key == "refused")
    assert heading.sorted == "descending" and "order=asc" in heading.query  # clicking again turns it round


@time_machine.travel(at(TODAY, 12), tick=False)
def test_each_number_opens_the_persons_list(client, supervisor, clerk, people):
    client.force_login(supervisor)
    panel = client.get(reverse("filing:overview_people")).context["panel"]
    rows = {row.name: row for row in [*panel.clerks, *panel.judges, panel.clerk_total]}
    for row in rows.values():
        for key, cell in row.cells:
            listed = client.get(cell.url)
            assert listed.status_code == 200, (row.name, key)
            assert listed.context["page"].paginator.count == cell.value, (row.name, key)
    export = client.get(rows["王强"]["refused"].url + "&format=csv")
    assert len(b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()) == 1 + 2
    # The list keeps the person in its export buttons, its period form and each of its five quick ranges.
    url = rows["王强"]["refused"].url
    person = parse_qs(urlsplit(url).query)["person"][0]
    html = client.get(url).content.decode()
    assert f'<input type="hidden" name="person" value="{person}">' in html
    assert html.count(f"person={person}") == 2 + 5


@time_machine.travel(at(TODAY, 12), tick=False)
def test_page_fragment_and_refusals(client, supervisor, wugang, people):
    client.force_login(supervisor)
    url = reverse("filing:overview_people")
    page = client.get(url, {"sort": "late"}).content.decode()
    assert "<html" in page and 'id="people-clerks"' in page and 'aria-sort="descending"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment and "李法官" in fragment

    bad = client.get(url, {"from": "2026-12-20", "to": "2026-12-01"})
    assert bad.status_code == 200 and "开始日期不能晚于结束日期" in bad.content.decode()
    assert client.get(url, {"from": "yesterday"}).content.decode().count(BAD_DATE) == 1
    other = client.get(url, {"court": str(CourtFactory().pk)})
    assert other.status_code == 403 and OTHER_COURT in other.content.decode()
    # Another court's person: their rows are not this court's, so the list is empty.
    stranger = UserFactory(court=CourtFactory(), role=CLERK)
    listed = client.get(reverse("filing:overview_list"), {"figure": "people_received", "person": stranger.pk})
    assert listed.status_code == 200 and listed.context["page"].paginator.count == 0
    # A person that is not a number: the message, no rows, nothing exported.
    for asked in ({}, {"format": "csv"}):
        nonsense = client.get(
            reverse("filing:overview_list"), {"figure": "people_received", "person": "x1", **asked}
        )
        assert nonsense.status_code == 400 and BAD_PERSON in nonsense.content.decode()
        assert nonsense.context["page"].paginator.count == 0
    client.force_login(UserFactory(court=wugang, role=CLERK))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("extra", [0, 12])
@time_machine.travel(at(TODAY, 12), tick=False)
def test_query_count_does_not_grow_with_people(
    client, supervisor, wugang, people, extra, django_assert_max_num_queries
):
    for n in range(extra):
        person = UserFactory(court=wugang, role=CLERK if n % 2 else JUDGE)
        received = filing(
            wugang, dec(1 + n), first_receiver=person, registered_on=dec(2 + n), registered_by=person
        )
        correction(received, person, dec(1 + n), second_notice=bool(n % 3))
    client.force_login(supervisor)
    url = reverse("filing:overview_people")
    client.get(url)
    # Session, user, permissions (2), roles for the header: 5; received, registered, refused, corrections,
    # assigned, open now, the people: 7.
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


@time_machine.travel(at(TODAY, 12), tick=False)
def test_past_days_are_stored_per_person_and_today_is_live(wugang, clerk, people):
    choice = period_choice_from_query(QueryDict(""), today=TODAY)
    first = table(people_panel(court_id=wugang.pk, choice=choice, today=TODAY).clerks)
    assert first["张敏"]["received"] == 3  # as in test_per_clerk_and_per_judge
    filing(wugang, TODAY, first_receiver=clerk)  # today: counted live, seen at once
    filing(wugang, dec(1), first_receiver=clerk)  # entered afterwards on a stored day: not seen …
    again = table(people_panel(court_id=wugang.pk, choice=choice, today=TODAY).clerks)
    assert again["张敏"]["received"] == 4
    daily_counts.forget(court_id=wugang.pk)  # … until the stored days are forgotten
    forgotten = table(people_panel(court_id=wugang.pk, choice=choice, today=TODAY).clerks)
    assert forgotten["张敏"]["received"] == 5


@time_machine.travel(at(TODAY, 12), tick=False)
def test_a_reassignment_moves_the_case_on_the_stored_days(
    wugang, clerk, supervisor, people, django_capture_on_commit_callbacks
):
    from courthall.models import Department
    from filing.models import Filing
    from filing.services.assignment import filing_reassign

    choice = period_choice_from_query(QueryDict(""), today=TODAY)
    before = table(people_panel(court_id=wugang.pk, choice=choice, today=TODAY).judges)
    assert before["李法官"]["assigned"] == 2 and before["赵法官"]["assigned"] == 0
    zhao = people["li"].__class__.objects.get(full_name="赵法官")
    zhao.department = Department.objects.get(court=wugang, name="民事审判庭")
    zhao.save()
    case = Filing.objects.get(judge=people["li"], registered_on_spot=True)
    with django_capture_on_commit_callbacks(execute=True):
        filing_reassign(filing=case, user=supervisor, judge=zhao, reason="原承办法官回避")
    after = table(people_panel(court_id=wugang.pk, choice=choice, today=TODAY).judges)
    # 改分 moves the case to today, to its new judge: the old judge's stored day was counted again.
    assert after["李法官"]["assigned"] == 1 and after["赵法官"]["assigned"] == 1
