"""Pre-filing mediation through the HTTP interface: the button and panel on the filing page, each form,
the court's list with overdue rows in red and their one-click registration; who may and who may not."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from courthall.roles import CLERK, JUDGE
from filing.models import (
    ConsentMethod,
    Filing,
    FilingState,
    Mediation,
    MediationExtension,
    Mediator,
    MediatorKind,
)
from filing.services import mediation as services
from filing.services.mediation import NO_CONSENT_BY, NO_EXTENSION_CONSENT, MediatorInput
from filing.views.mediation import MEDIATION_STARTED
from tests.factories import CourtFactory, UserFactory
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def in_mediation(clerk) -> Filing:
    filing = civil_filing(clerk)
    services.mediation_start(
        filing=filing,
        user=clerk,
        mediator=MediatorInput(name="舞钢市人民调解委员会", kind=MediatorKind.ORGANISATION),
        consent_by="原告张三",
        consent_method=ConsentMethod.SIGNED_FORM,
    )
    return Filing.objects.get(pk=filing.pk)


def url(name: str, filing) -> str:
    return reverse(f"filing:{name}", args=[filing.pk])


@time_machine.travel(MONDAY, tick=False)
def test_the_filing_page_offers_mediation_and_the_form_starts_it(clerk_client, clerk, wugang):
    filing = civil_filing(clerk)
    page = clerk_client.get(url("filing_detail", filing)).content.decode()
    assert url("mediation_start", filing) in page
    mediator = Mediator.objects.create(court=wugang, name="李调解", kind=MediatorKind.PERSON)
    form = clerk_client.get(url("mediation_start", filing))
    assert form.status_code == 200 and "李调解" in form.content.decode()
    response = clerk_client.post(
        url("mediation_start", filing),
        {"mediator": mediator.pk, "consent_by": "原告张三", "consent_method": ConsentMethod.SIGNED_FORM},
        follow=True,
    )
    html = response.content.decode()
    mediation = Mediation.objects.get(filing=filing)
    assert MEDIATION_STARTED.format(number="（2026）豫0481民诉前调1号", due=date(2026, 4, 1)) in html
    assert 'id="mediation-panel"' in html and "（2026）豫0481民诉前调1号" in html
    assert mediation.mediator == mediator
    # In mediation the registration buttons are gone; the panel's actions are there instead.
    assert url("filing_register", filing) not in html
    for name in ("mediation_settle", "mediation_fail", "mediation_extend", "mediation_withdraw"):
        assert url(name, filing) in html


@time_machine.travel(MONDAY, tick=False)
def test_a_start_without_consent_is_shown_and_nothing_changes(clerk_client, clerk):
    filing = civil_filing(clerk)
    response = clerk_client.post(
        url("mediation_start", filing), {"mediator_name": "调解员甲", "mediator_kind": MediatorKind.PERSON}
    )
    assert response.status_code == 200
    assert NO_CONSENT_BY in response.content.decode()
    assert 'value="调解员甲"' in response.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RECEIVED and not Mediation.objects.exists()


@time_machine.travel(MONDAY, tick=False)
def test_a_judge_is_refused_and_another_courts_clerk_sees_nothing(client, clerk, wugang):
    filing = civil_filing(clerk)
    client.force_login(UserFactory(court=wugang, role=JUDGE))
    assert client.get(url("mediation_start", filing)).status_code == 403
    assert client.get(reverse("filing:mediation_list")).status_code == 403
    client.force_login(UserFactory(court=CourtFactory(), role=CLERK))
    assert client.get(url("mediation_start", filing)).status_code == 404
    assert client.post(url("mediation_start", filing), {"consent_by": "某"}).status_code == 404
    assert not Mediation.objects.exists()


def test_an_extension_without_consent_is_refused_with_the_message(clerk_client, clerk):
    with time_machine.travel(MONDAY, tick=False):
        filing = in_mediation(clerk)
    with time_machine.travel("2026-03-25 10:00 +0800", tick=False):
        data = {
            "days": "10",
            "reason": "协商中",
            "consent_by": "张三、李四",
            "consent_method": ConsentMethod.RECORD,
        }
        refused = clerk_client.post(url("mediation_extend", filing), data)
        assert refused.status_code == 200 and NO_EXTENSION_CONSENT in refused.content.decode()
        assert Mediation.objects.get(filing=filing).due_on == date(2026, 4, 1)
        assert not MediationExtension.objects.exists()
        done = clerk_client.post(url("mediation_extend", filing), {**data, "parties_consent": "on"})
    assert done.status_code == 302
    assert Mediation.objects.get(filing=filing).due_on == date(2026, 4, 13)  # 04-11 is a Saturday


def test_settle_fail_and_withdraw_through_their_forms(clerk_client, clerk):
    with time_machine.travel(MONDAY, tick=False):
        settled, failed, withdrawn = in_mediation(clerk), in_mediation(clerk), in_mediation(clerk)
    with time_machine.travel("2026-03-20 10:00 +0800", tick=False):
        assert clerk_client.get(url("mediation_settle", settled)).status_code == 200
        clerk_client.post(
            url("mediation_settle", settled), {"agreement_on": "2026-03-20", "terms": "分期还款"}
        )
        response = clerk_client.post(url("mediation_fail", failed), {"reason": "被告拒绝"}, follow=True)
        assert "已转立案，案号 （2026）豫0481民初1号" in response.content.decode()
        empty = clerk_client.post(url("mediation_withdraw", withdrawn), {"reason": ""})
        assert empty.status_code == 200 and "请写明原因" in empty.content.decode()
        clerk_client.post(url("mediation_withdraw", withdrawn), {"reason": "已和解"})
    states = {f.pk: f.state for f in Filing.objects.filter(pk__in=[settled.pk, failed.pk, withdrawn.pk])}
    assert states == {
        settled.pk: FilingState.MEDIATED,
        failed.pk: FilingState.REGISTERED,
        withdrawn.pk: FilingState.WITHDRAWN,
    }
    # An ended mediation takes no more actions: the form is a 403 with the reason.
    with time_machine.travel("2026-03-20 11:00 +0800", tick=False):
        again = clerk_client.get(url("mediation_settle", settled))
    assert again.status_code == 403 and "不在诉前调解中" in again.content.decode()


def test_the_list_shows_overdue_in_red_to_supervisors_and_one_click_registers(client, clerk, supervisor):
    with time_machine.travel("2026-09-01 10:00 +0800", tick=False):
        late = in_mediation(clerk)  # due 10-08 (30 days end in the National Day holiday)
    with time_machine.travel("2026-09-20 10:00 +0800", tick=False):
        current = in_mediation(clerk)  # due 10-20
    with time_machine.travel("2026-10-09 10:00 +0800", tick=False):
        client.force_login(supervisor)
        response = client.get(reverse("filing:mediation_list"))
        html = response.content.decode()
        assert [m.filing_id for m in response.context["page"]] == [late.pk, current.pk]
        late_row = html[html.index(f'id="mediation-{late.mediation.pk}"') :].split("</tr>")[0]
        current_row = html[html.index(f'id="mediation-{current.mediation.pk}"') :].split("</tr>")[0]
        assert "table-danger" in late_row and "已超期 1 日" in late_row
        assert "table-danger" not in current_row and "剩余 11 日" in current_row
        assert "超期 1 件" in html
        # A supervisor sees; the window acts.
        assert url("mediation_time_out", late) not in html
        client.force_login(clerk)
        html = client.get(reverse("filing:mediation_list")).content.decode()
        assert url("mediation_time_out", late) in html and url("mediation_time_out", current) not in html
        response = client.post(url("mediation_time_out", late), {"next": reverse("filing:mediation_list")})
        assert response.status_code == 302 and response["Location"] == reverse("filing:mediation_list")
        early = client.post(url("mediation_time_out", current), follow=True)
        assert "尚未届满" in early.content.decode()
    registered = Filing.objects.get(pk=late.pk)
    assert registered.state == FilingState.REGISTERED and not registered.registered_first
    assert Filing.objects.get(pk=current.pk).state == FilingState.IN_MEDIATION


def test_the_counter_and_the_overview_link_to_the_list(client, clerk, supervisor):
    client.force_login(clerk)
    assert reverse("filing:mediation_list") in client.get(reverse("filing:counter")).content.decode()
    client.force_login(supervisor)
    assert reverse("filing:mediation_list") in client.get(reverse("overview")).content.decode()


def test_a_courts_administrator_keeps_its_own_roster_of_mediators(client, wugang):
    from courthall.roles import SYSADMIN
    from filing.models import Mediator

    own = Mediator.objects.create(court=wugang, name="舞钢市人民调解委员会", kind=MediatorKind.ORGANISATION)
    other = Mediator.objects.create(court=CourtFactory(), name="外院调解员", kind=MediatorKind.PERSON)
    client.force_login(UserFactory(court=wugang, role=SYSADMIN, is_staff=True))
    changelist = client.get(reverse("admin:filing_mediator_changelist"))
    assert changelist.status_code == 200
    assert own.name in changelist.content.decode() and other.name not in changelist.content.decode()
    assert client.get(reverse("admin:filing_mediator_change", args=[other.pk])).status_code in (302, 404)
    response = client.post(
        reverse("admin:filing_mediator_add"),
        {"court": wugang.pk, "name": "王明", "kind": MediatorKind.PERSON, "active": "on", "sort_order": "10"},
    )
    assert response.status_code == 302
    added = Mediator.objects.get(name="王明")
    assert added.court == wugang and added.history.count() == 1


# --- consent in the portal --------------------------------------------------------------------------


def test_the_filer_consents_in_the_portal_and_the_window_starts_on_that_click(
    client, clerk, lawyer, wugang, settings, tmp_path
):
    from filing.services.mediation import NO_PORTAL_CONSENT
    from tests.filing.test_portal_filing import submitted

    settings.MEDIA_ROOT = tmp_path / "media"
    filing = submitted(lawyer, wugang)
    # Without the filer's click, the window cannot claim a consent "in the portal".
    with time_machine.travel("2026-11-19 09:00 +0800", tick=False), pytest.raises(ValidationError) as error:
        services.mediation_start(
            filing=filing,
            user=clerk,
            mediator=MediatorInput(name="调解员甲", kind=MediatorKind.PERSON),
            consent_by="王律师",
            consent_method=ConsentMethod.PORTAL,
        )
    assert error.value.messages == [NO_PORTAL_CONSENT]

    client.force_login(lawyer)
    page = client.get(reverse("filing:portal_filing", args=[filing.pk])).content.decode()
    consent_url = reverse("filing:portal_mediation_consent", args=[filing.pk])
    assert consent_url in page
    with time_machine.travel("2026-11-19 10:00 +0800", tick=False):
        response = client.post(consent_url, follow=True)
    assert "您已同意诉前调解" in response.content.decode()
    again = client.post(consent_url, follow=True)
    assert "您已于2026年11月19日 10:00同意诉前调解" in again.content.decode()
    assert filing.events.filter(action="mediation_consented", actor=lawyer).count() == 1
    assert Filing.objects.get(pk=filing.pk).state == filing.state  # nothing else changes

    client.force_login(clerk)
    with time_machine.travel("2026-11-19 11:00 +0800", tick=False):
        form = client.get(url("mediation_start", filing))
        assert 'id="portal-consent"' in form.content.decode()
        assert form.context["form"].initial == {
            "consent_by": "王律师",
            "consent_method": ConsentMethod.PORTAL,
        }
        client.post(
            url("mediation_start", filing),
            {
                "consent_by": "王律师",
                "consent_method": ConsentMethod.PORTAL,
                "mediator_name": "调解员甲",
                "mediator_kind": MediatorKind.PERSON,
            },
        )
    mediation = Mediation.objects.get(filing=filing)
    assert mediation.consent_method == ConsentMethod.PORTAL
    # The time of the filer's click, not of the clerk's.
    assert mediation.consent_at.isoformat() == "2026-11-19T02:00:00+00:00"
    client.force_login(lawyer)
    page = client.get(reverse("filing:portal_filing", args=[filing.pk])).content.decode()
    assert "正在诉前调解中" in page and consent_url not in page


def test_another_filer_cannot_consent(client, clerk, lawyer, wugang, settings, tmp_path):
    from tests.filing.test_portal_filing import other_lawyer, submitted

    settings.MEDIA_ROOT = tmp_path / "media"
    filing = submitted(lawyer, wugang)
    client.force_login(other_lawyer())
    assert client.post(reverse("filing:portal_mediation_consent", args=[filing.pk])).status_code == 404
    assert not filing.events.filter(action="mediation_consented").exists()
