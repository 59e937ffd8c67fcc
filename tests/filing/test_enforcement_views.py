"""Applications for enforcement (执) through the HTTP interface: the counter form, 确认生效 on the filing
page, registration waiting for it, the portal wizard and the online review screen."""

import re

import pytest
import time_machine
from django.urls import reverse

from courthall.models import PortalAccountKind
from courthall.roles import CLERK, JUDGE, PARTY
from filing import enforcement
from filing.forms.enforcement import DATE_INVALID
from filing.models import CaseType, CauseOfAction, ChecklistItem, Draft, EnforcementBasis, Filing, FilingState
from filing.services import filings as services
from filing.services.enforcement import NO_NOT_EFFECTIVE_REASON
from filing.views.enforcement import EFFECTIVE_CONFIRMED
from notices.models import Notice
from tests.courthall.test_uploads import blank_pdf, upload
from tests.factories import CourtFactory, PortalAccountFactory, PortalUserFactory, UserFactory
from tests.filing.conftest import civil_filing
from tests.filing.test_drafts import new_draft, rows, step_url
from tests.filing.test_enforcement import enforcement_filing
from tests.filing.test_filing_views import shown_values

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def notice_kinds(filing) -> list[str]:
    return list(
        Notice.objects.filter(subject=f"filing:{filing.pk}").order_by("pk").values_list("kind", flat=True)
    )


def detail(client, filing) -> str:
    return client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()


# --- The counter form ------------------------------------------------------------------------------------


def enforcement_form_data(client, **overrides) -> dict:
    """The new-filing page for 执 filled in as at the window: 张三 against 李四 on this court's judgment."""
    case_type = CaseType.objects.get(code="执")
    response = client.get(reverse("filing:filing_new"), {"case_type": case_type.pk})
    intake = response.context["intake"]
    intake.agents.extra = 0
    data = shown_values(
        intake.form, intake.basis, intake.submitter, intake.parties, intake.agents, intake.checklist
    )
    data.update(
        {
            "agents-TOTAL_FORMS": "0",
            "extras-TOTAL_FORMS": "0",
            "extras-INITIAL_FORMS": "0",
            "checklist_for": str(case_type.pk),
            "action": "save",
            "cause": str(CauseOfAction.objects.get(name="申请执行民事判决").pk),
            "amount_in_dispute": "100000",
            "claims": "强制被执行人李四支付借款本金100000元及利息。",
            "instrument": "judgment",
            "basis_case_number": "(2025)豫0481民初456号",
            "issuer": "舞钢市人民法院",
            "effective_on": "2026-01-10",
            "submitter_name": "张三",
            "parties-0-name": "张三",
            "parties-0-id_type": "",
            "parties-0-address": "河南省舞钢市",
            "parties-1-name": "李四",
            "parties-1-id_type": "",
            "parties-1-address": "河南省平顶山市",
        }
    )
    for index, form in enumerate(intake.checklist.forms):
        if form.item.name != "授权委托书":
            data[f"checklist-{index}-handed"] = "on"
    data.update(overrides)
    return data


@time_machine.travel(MONDAY, tick=False)
def test_the_counter_form_asks_for_the_basis_only_for_enforcement(clerk_client):
    civil = clerk_client.get(
        reverse("filing:filing_new"), {"case_type": CaseType.objects.get(code="民初").pk}
    )
    assert 'id="enforcement-basis"' not in civil.content.decode()
    page = clerk_client.get(reverse("filing:filing_new"), {"case_type": CaseType.objects.get(code="执").pk})
    html = page.content.decode()
    assert 'id="enforcement-basis"' in html
    for label in ("执行依据案号", "作出法院（机构）", "生效日期", "申请执行金额（元）", "申请执行事项"):
        assert label in html
    # 钢城承诺四: nothing asks for a certificate of effectiveness; the page says none is needed.
    assert "无须提交生效证明" in html
    assert all("生效证明" not in form.item.name for form in page.context["intake"].checklist.forms)


@time_machine.travel(MONDAY, tick=False)
def test_choosing_enforcement_without_javascript_brings_the_section_and_keeps_what_was_typed(clerk_client):
    data = enforcement_form_data(clerk_client, action="load_checklist")
    data["checklist_for"] = str(CaseType.objects.get(code="民初").pk)  # the page was showing 民初
    response = clerk_client.post(reverse("filing:filing_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="enforcement-basis"' in html
    assert 'value="张三"' in html and 'value="(2025)豫0481民初456号"' in html
    assert not Filing.objects.exists()


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"basis_case_number": ""}, enforcement.NO_BASIS_NUMBER),
        ({"basis_case_number": "豫0481民初456"}, enforcement.BAD_BASIS_NUMBER.format(number="豫0481民初456")),
        ({"effective_on": "2026-03-03"}, "晚于今天"),
        ({"effective_on": "2026-13-01"}, DATE_INVALID),
        ({"instrument": ""}, enforcement.NO_INSTRUMENT),
        ({"issuer": ""}, enforcement.NO_ISSUER),
        ({"amount_in_dispute": "-100"}, enforcement.BAD_ENFORCEMENT_AMOUNT),
    ],
)
def test_bad_basis_at_the_counter_is_shown_and_nothing_is_saved(clerk_client, overrides, message):
    response = clerk_client.post(
        reverse("filing:filing_new"), enforcement_form_data(clerk_client, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Filing.objects.exists() and not EnforcementBasis.objects.exists()
    assert not Notice.objects.exists()


# --- 确认生效 and registration on the filing page ----------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_receive_check_and_register_an_application_for_enforcement(clerk_client):
    response = clerk_client.post(reverse("filing:filing_new"), enforcement_form_data(clerk_client))
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert filing.enforcement_basis.case_number == "（2025）豫0481民初456号"

    # The filing page: the basis unchecked, registration waits, the check's form is on the page.
    html = detail(clerk_client, filing)
    assert "待核实" in html and 'id="register-waits"' in html and 'id="effectiveness-form"' in html
    assert reverse("filing:filing_register", args=[filing.pk]) not in html
    assert "本院作出的法律文书" in html  # 豫0481: this court's own judgment
    assert 'value="own_system" selected' in html
    assert "申请执行金额" in html and "100,000.00 元" in html

    # Registering before the check: the reason, a way to the check, nothing changed.
    register_url = reverse("filing:filing_register", args=[filing.pk])
    page = clerk_client.get(register_url).content.decode()
    assert enforcement.NOT_CONFIRMED in page
    assert reverse("filing:filing_effectiveness", args=[filing.pk]) in page
    response = clerk_client.post(register_url)
    assert response.status_code == 200 and enforcement.NOT_CONFIRMED in response.content.decode()
    filing.refresh_from_db()
    assert filing.state == FilingState.RECEIVED and filing.case_number is None
    assert notice_kinds(filing) == ["receipt"]

    # 确认生效 from the filing page.
    response = clerk_client.post(
        reverse("filing:filing_effectiveness", args=[filing.pk]),
        {"result": "effective", "source": "own_system", "note": "本院审判系统：2026年1月10日生效"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("filing:filing_detail", args=[filing.pk])
    assert EFFECTIVE_CONFIRMED in html and "已生效" in html and 'id="register-waits"' not in html
    assert "核实执行依据 舞钢市人民法院（2025）豫0481民初456号判决书：已生效" in html  # the timeline
    assert "张敏" in html[html.index('id="effectiveness-check"') :]

    page = clerk_client.get(register_url).content.decode()
    assert "受理执行案件通知书" in page and "1,400.00 元" in page and "申请执行费" in page
    assert "不由申请人预交" in page
    response = clerk_client.post(register_url, follow=True)
    filing.refresh_from_db()
    assert filing.case_number == "（2026）豫0481执1号"
    assert notice_kinds(filing) == ["receipt", "enforcement"]
    html = response.content.decode()
    assert "已立案执行，案号 （2026）豫0481执1号" in html
    assert "受理执行案件通知书" in html and "执行后交纳" in html
    assert 'id="effectiveness-form"' not in html  # a registered filing's check is closed


@time_machine.travel(MONDAY, tick=False)
def test_a_bad_check_comes_back_with_the_message_and_what_was_typed(clerk_client, clerk):
    filing = enforcement_filing(clerk)
    url = reverse("filing:filing_effectiveness", args=[filing.pk])
    assert clerk_client.get(url).status_code == 200
    response = clerk_client.post(url, {"result": "not_effective", "source": "superior_system", "note": ""})
    html = response.content.decode()
    assert response.status_code == 200 and NO_NOT_EFFECTIVE_REASON in html
    assert re.search(r'value="not_effective"[^>]*checked', html)  # the choice is kept
    basis = EnforcementBasis.objects.get(filing=filing)
    assert basis.effectiveness == "unchecked" and not filing.events.filter(action="effectiveness_checked")

    # Not effective, with the reason: the filing page says why registration waits.
    clerk_client.post(url, {"result": "not_effective", "source": "superior_system", "note": "二审尚在审理中"})
    html = detail(clerk_client, filing)
    assert "未生效" in html and enforcement.NOT_EFFECTIVE.format(note="二审尚在审理中") in html
    assert "重新核实" in html


@time_machine.travel(MONDAY, tick=False)
def test_only_a_reviewing_clerk_of_the_court_may_check(client, clerk, wugang):
    filing = enforcement_filing(clerk)
    url = reverse("filing:filing_effectiveness", args=[filing.pk])
    client.force_login(UserFactory(court=wugang, role=JUDGE))
    assert client.get(url).status_code == 403
    assert client.post(url, {"result": "effective", "source": "own_system"}).status_code == 403
    client.force_login(UserFactory(court=CourtFactory(), role=CLERK))
    assert client.post(url, {"result": "effective", "source": "own_system"}).status_code == 404
    client.force_login(clerk)
    civil = civil_filing(clerk)
    assert client.get(reverse("filing:filing_effectiveness", args=[civil.pk])).status_code == 403
    assert EnforcementBasis.objects.get(filing=filing).effectiveness == "unchecked"


@time_machine.travel(MONDAY, tick=False)
def test_the_filing_page_links_this_courts_own_case(clerk_client, clerk):
    civil = services.filing_register(filing=civil_filing(clerk), user=clerk)
    own = enforcement.EnforcementBasisInput(
        instrument="judgment",
        case_number="（2026）豫0481民初1号",
        issuer="舞钢市人民法院",
        effective_on="2026-03-02",
    )
    filing = enforcement_filing(clerk, basis=own)
    html = detail(clerk_client, filing)
    own_case = html[html.index('id="own-case"') :]
    assert reverse("filing:filing_detail", args=[civil.pk]) in own_case
    assert "（2026）豫0481民初1号" in own_case and "张三 诉 李四" in own_case


# --- The portal wizard and the online review screen ---------------------------------------------------------


def fill_enforcement_draft(client, draft, court, **basis):
    client.post(
        step_url(draft, "case"),
        {
            "court": court.pk,
            "case_type": CaseType.objects.get(code="执").pk,
            "cause": CauseOfAction.objects.get(name="申请执行民事判决").pk,
            "amount_in_dispute": "100000",
            "action": "next",
        },
    )
    parties = [
        {"role": "plaintiff", "kind": "person", "name": "赵六", "address": "河南省舞钢市"},
        {
            "role": "defendant",
            "kind": "legal_person",
            "name": "某某商贸有限公司",
            "address": "河南省平顶山市",
        },
    ]
    client.post(step_url(draft, "parties"), {**rows("parties", parties), "action": "next"})
    client.post(step_url(draft, "agents"), {**rows("agents", []), "action": "next"})
    return client.post(
        step_url(draft, "claims"),
        {
            "claims": "强制被执行人支付货款100000元。",
            "facts": "",
            "instrument": "judgment",
            "basis_case_number": "(2025)豫0481民初456号",
            "issuer": "舞钢市人民法院",
            "effective_on": "2026-01-10",
            **rows("evidence", []),
            **rows("witnesses", []),
            "action": "next",
            **basis,
        },
    )


@time_machine.travel(MONDAY)
def test_a_party_applies_for_enforcement_online_and_the_clerk_checks_on_the_review_screen(
    client, wugang, clerk
):
    party = PortalUserFactory(full_name="赵六", role=PARTY)
    PortalAccountFactory(user=party, kind=PortalAccountKind.PARTY)
    client.force_login(party)
    draft = new_draft(client)
    assert "申请执行金额（元）" not in client.get(step_url(draft, "case")).content.decode()
    fill_enforcement_draft(client, draft, wugang, basis_case_number="乱码")

    # The claims step for 执 carries the basis; a garbled number is kept as typed and blocks submitting.
    page = client.get(step_url(draft, "claims")).content.decode()
    assert 'id="enforcement-basis"' in page and "申请执行事项" in page and 'value="乱码"' in page
    confirm = client.get(step_url(draft, "confirm")).content.decode()
    assert enforcement.BAD_BASIS_NUMBER.format(number="乱码") in confirm
    response = client.post(reverse("filing:draft_submit", args=[draft.pk]), follow=True)
    assert enforcement.BAD_BASIS_NUMBER.format(number="乱码") in response.content.decode()
    assert not Filing.objects.exists()

    fill_enforcement_draft(client, draft, wugang)
    draft.refresh_from_db()
    assert draft.data[enforcement.DRAFT_KEY] == {
        "instrument": "judgment",
        "case_number": "(2025)豫0481民初456号",
        "issuer": "舞钢市人民法院",
        "effective_on": "2026-01-10",
    }
    assert "申请执行金额（元）" in client.get(step_url(draft, "case")).content.decode()
    application = ChecklistItem.objects.get(case_type__code="执", name="申请执行书")
    client.post(
        step_url(draft, "materials"),
        {f"item_{application.pk}": upload(blank_pdf(1), "申请执行书.pdf"), "action": "save"},
    )
    confirm = client.get(step_url(draft, "confirm")).content.decode()
    assert "填写内容完整，可以提交" in confirm
    assert "舞钢市人民法院(2025)豫0481民初456号判决书" in confirm and "申请执行金额" in confirm
    response = client.post(reverse("filing:draft_submit", args=[draft.pk]))
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert filing.channel == "online" and filing.owner == party
    assert filing.enforcement_basis.case_number == "（2025）豫0481民初456号"
    assert Draft.objects.get(pk=draft.pk).filing == filing

    # The clerk's review screen: the basis, the check's form, the register button waiting for it.
    client.force_login(clerk)
    review = reverse("filing:online_review", args=[filing.pk])
    html = client.get(review).content.decode()
    assert 'id="enforcement-basis"' in html and 'id="effectiveness-form"' in html
    assert enforcement.NOT_CONFIRMED in html
    response = client.post(
        reverse("filing:filing_effectiveness", args=[filing.pk]),
        {"result": "effective", "source": "own_system", "next": review},
    )
    assert response.status_code == 302 and response["Location"] == review
    html = client.get(review).content.decode()
    assert enforcement.NOT_CONFIRMED not in html and "出具受理执行案件通知书" in html
    response = client.post(reverse("filing:filing_register", args=[filing.pk]), {"next": review})
    assert response["Location"] == review
    filing.refresh_from_db()
    assert filing.case_number == "（2026）豫0481执1号"
    assert sorted(notice_kinds(filing)) == ["enforcement", "receipt"]
