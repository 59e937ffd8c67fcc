"""Fee relief and the unpaid-fee list through the HTTP interface: allowed and denied, bad input shown."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from courthall.roles import CLERK, JUDGE
from filing.models import FeeRelief, Filing, FilingState, PaymentLimit, ReliefState
from filing.services.filings import filing_register
from filing.services.online import filing_submit_online
from filing.services.relief import REDUCTION_TOO_LOW, WAIVER_PERSONS_ONLY, ReliefInput, relief_apply
from notices.models import Notice, NoticeKind
from tests.courthall.test_uploads import blank_pdf, upload
from tests.factories import CourtFactory, UserFactory
from tests.filing.conftest import civil_filing
from tests.filing.test_filing_views import new_filing_data
from tests.filing.test_online import draft_for
from tests.filing.test_relief import company_plaintiff

pytestmark = pytest.mark.usefixtures("pdf_fonts")

SHANGHAI = ZoneInfo("Asia/Shanghai")
REGISTERED = datetime(2026, 9, 28, 10, tzinfo=SHANGHAI)
AFTER_LIMIT = datetime(2026, 10, 9, 9, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registered(clerk):
    with time_machine.travel(REGISTERED, tick=False):
        return filing_register(filing=civil_filing(clerk), user=clerk)


def relief_form(filing, **overrides) -> dict:
    data = {
        "applicant": filing.parties.get(role="plaintiff").pk,
        "kind": "reduce",
        "ground": "46_1",
        "statement": "家中遭受水灾。",
        "proof": "受灾证明一份",
    }
    data.update(overrides)
    return data


def test_the_counter_applies_from_the_filing_page(client, clerk, registered):
    client.force_login(clerk)
    with time_machine.travel(REGISTERED, tick=False):
        page = client.get(reverse("filing:filing_detail", args=[registered.pk])).content.decode()
        assert "交费期限和司法救助" in page and "2026年10月8日" in page
        assert reverse("filing:relief_apply", args=[registered.pk]) in page
        response = client.post(reverse("filing:relief_apply", args=[registered.pk]), relief_form(registered))
    assert response.status_code == 302
    relief = FeeRelief.objects.get()
    assert relief.kind == "reduce" and relief.applied_by == clerk
    with time_machine.travel(REGISTERED, tick=False):
        page = client.get(reverse("filing:filing_detail", args=[registered.pk])).content.decode()
    assert "司法救助申请审批中，暂停计算" in page


def test_the_new_filing_form_leads_to_the_relief_application(client, clerk):
    """诉讼费用交纳办法 art. 48: the application comes with the complaint; the form goes on to it."""
    client.force_login(clerk)
    response = client.post(reverse("filing:filing_new"), new_filing_data(client, apply_relief="1"))
    filing = Filing.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("filing:relief_apply", args=[filing.pk])
    page = client.get(response.url).content.decode()
    assert "张三（原告，自然人）" in page
    assert client.post(response.url, relief_form(filing, kind="waive", ground="45_3")).status_code == 302
    assert FeeRelief.objects.get().filing == filing


def test_a_waiver_for_a_company_is_refused_with_the_message_and_what_was_typed(client, clerk):
    with time_machine.travel(REGISTERED, tick=False):
        filing = civil_filing(clerk, parties=company_plaintiff())
    client.force_login(clerk)
    response = client.post(
        reverse("filing:relief_apply", args=[filing.pk]),
        relief_form(filing, kind="waive", ground="45_5", statement="公司经营困难"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert WAIVER_PERSONS_ONLY.format(name="舞钢某某商贸有限公司") in page
    assert "公司经营困难" in page
    assert not FeeRelief.objects.exists()


def test_a_judge_may_not_apply_and_another_courts_filing_is_a_404(client, registered):
    judge = UserFactory(court=registered.court, role=JUDGE)
    client.force_login(judge)
    assert client.get(reverse("filing:relief_apply", args=[registered.pk])).status_code == 403
    elsewhere = UserFactory(court=CourtFactory(), role=CLERK)
    client.force_login(elsewhere)
    assert client.get(reverse("filing:relief_apply", args=[registered.pk])).status_code == 404
    assert client.get(reverse("filing:unpaid_decide", args=[registered.pk])).status_code == 404


def _pending(filing, clerk, **data):
    values = relief_form(filing, **data)
    values["applicant_id"] = values.pop("applicant")
    with time_machine.travel(REGISTERED, tick=False):
        return relief_apply(filing=filing, user=clerk, data=ReliefInput(**values))


def test_the_supervisor_decides_a_reduction_and_bad_input_changes_nothing(
    client, clerk, supervisor, registered
):
    relief = _pending(registered, clerk)
    url = reverse("filing:relief_decide", args=[registered.pk, relief.pk])
    client.force_login(clerk)
    assert client.get(url).status_code == 403  # a clerk does not decide relief
    client.force_login(supervisor)
    with time_machine.travel(REGISTERED, tick=False):
        page = client.get(reverse("filing:filing_detail", args=[registered.pk])).content.decode()
        assert url in page
        low = client.post(url, {"decision": "grant", "percentage": "20"})
        assert low.status_code == 200 and REDUCTION_TOO_LOW in low.content.decode()
        relief.refresh_from_db()
        assert relief.state == ReliefState.APPLIED
        done = client.post(url, {"decision": "grant", "percentage": "50"})
    assert done.status_code == 302
    registered.refresh_from_db()
    assert registered.fee_total == Decimal("1650.00")
    assert Notice.objects.filter(kind=NoticeKind.RELIEF_GRANT).count() == 1


def test_the_supervisor_refuses_with_reasons(client, clerk, supervisor, registered):
    relief = _pending(registered, clerk, kind="defer", ground="47_3")
    client.force_login(supervisor)
    url = reverse("filing:relief_decide", args=[registered.pk, relief.pk])
    with time_machine.travel(REGISTERED, tick=False):
        assert "须书面说明理由" in client.post(url, {"decision": "refuse", "reasons": ""}).content.decode()
        assert client.post(url, {"decision": "refuse", "reasons": "未提交法律援助公函"}).status_code == 302
    relief.refresh_from_db()
    assert relief.state == ReliefState.REFUSED and relief.notice.kind == NoticeKind.RELIEF_REFUSAL


def test_the_unpaid_list_and_the_ruling(client, clerk, registered):
    client.force_login(clerk)
    with time_machine.travel(AFTER_LIMIT, tick=False):
        page = client.get(reverse("filing:unpaid_list")).content.decode()
        assert registered.case_number in page and "2026年10月8日" in page and "3,300.00" in page
        form = client.get(reverse("filing:unpaid_decide", args=[registered.pk]))
        assert form.status_code == 200
        missing = client.post(reverse("filing:unpaid_decide", args=[registered.pk]), {"decision": "keep"})
        assert "请选择不按撤诉处理的理由" in missing.content.decode()
        done = client.post(reverse("filing:unpaid_decide", args=[registered.pk]), {"decision": "withdraw"})
        assert done.status_code == 302
        assert registered.case_number not in client.get(reverse("filing:unpaid_list")).content.decode()
    registered.refresh_from_db()
    assert registered.state == FilingState.TREATED_AS_WITHDRAWN


def test_a_judge_has_no_unpaid_list(client, registered):
    client.force_login(UserFactory(court=registered.court, role=JUDGE))
    assert client.get(reverse("filing:unpaid_list")).status_code == 403


def test_the_filer_applies_through_the_portal_with_a_file(client, lawyer, wugang, clerk):
    with time_machine.travel(REGISTERED, tick=False):
        filing = filing_submit_online(draft=draft_for(lawyer, wugang), user=lawyer)
        filing_register(filing=filing, user=clerk)
    client.force_login(lawyer)
    page = client.get(reverse("filing:portal_filing", args=[filing.pk])).content.decode()
    assert "尚未送达" in page and reverse("filing:portal_relief_apply", args=[filing.pk]) in page
    data = relief_form(filing, proof_file=upload(blank_pdf(1), "低保证明.pdf"))
    response = client.post(reverse("filing:portal_relief_apply", args=[filing.pk]), data)
    assert response.status_code == 302
    relief = FeeRelief.objects.get()
    assert relief.applied_by == lawyer and relief.proof_file.name.startswith("relief/")
    assert PaymentLimit.objects.get(filing=filing).due_on is None


def test_someone_elses_portal_filing_is_a_404(client, registered, lawyer):
    client.force_login(lawyer)
    assert client.get(reverse("filing:portal_relief_apply", args=[registered.pk])).status_code == 404
