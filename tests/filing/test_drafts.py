"""The portal's step-by-step filing (filing.views.drafts) through the HTTP client, and the complaint PDF."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from courthall.models import PortalAccountKind
from courthall.roles import INTERN_LAWYER, LAWYER, PARTY
from filing.models import CaseType, ChecklistItem, Draft, Filing, Upload
from filing.selectors.drafts import NO_FIRM_LETTER, NO_POWER_OF_ATTORNEY
from filing.services.filings import PartyInput, filing_receive
from notices.models import Notice
from tests.courthall.test_uploads import blank_pdf, upload
from tests.factories import PortalAccountFactory, PortalUserFactory

pytestmark = pytest.mark.usefixtures("pdf_fonts")

PLAINTIFF = {
    "role": "plaintiff",
    "kind": "person",
    "name": "赵六",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "address": "河南省舞钢市垭口街道",
    "ethnicity": "汉族",
}
DEFENDANT = {
    "role": "defendant",
    "kind": "legal_person",
    "name": "某某商贸有限公司",
    "address": "河南省平顶山市",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def step_url(draft, step):
    return reverse("filing:draft_step", args=[draft.pk, step])


def rows(prefix, entries, initial=None):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(entries)),
        f"{prefix}-INITIAL_FORMS": str(len(entries) if initial is None else initial),
    }
    for index, entry in enumerate(entries):
        data.update({f"{prefix}-{index}-{key}": value for key, value in entry.items()})
    return data


def new_draft(client) -> Draft:
    response = client.post(reverse("filing:draft_new"))
    draft = Draft.objects.latest("pk")
    assert response.status_code == 302 and response.url == step_url(draft, "case")
    return draft


def fill_case(client, draft, court, **extra):
    values = {
        "court": court.pk,
        "case_type": CaseType.objects.get(code="民初").pk,
        "cause_text": "买卖合同纠纷",
        "amount_in_dispute": "50000",
        "business_environment": "on",
        "action": "next",
        **extra,
    }
    return client.post(step_url(draft, "case"), values)


def fill_parties(client, draft, parties=(PLAINTIFF, DEFENDANT), action="next"):
    return client.post(step_url(draft, "parties"), {**rows("parties", list(parties)), "action": action})


def fill_claims(client, draft, **extra):
    values = {
        "claims": "判令被告支付货款50000元。\n判令被告承担本案诉讼费用。",
        "facts": "原告向被告供货，被告至今未付款。",
        **rows("evidence", [{"name": "供货合同", "source": "原告持有", "purpose": "双方买卖关系"}]),
        **rows("witnesses", [{"name": "钱七", "address": "河南省舞钢市矿建街道"}]),
        "action": "next",
        **extra,
    }
    return client.post(step_url(draft, "claims"), values)


def fill_everything(client, lawyer_draft, court):
    fill_case(client, lawyer_draft, court)
    fill_parties(client, lawyer_draft)
    client.post(
        step_url(lawyer_draft, "agents"), {"lawyer-party": "0", **rows("agents", []), "action": "next"}
    )
    fill_claims(client, lawyer_draft)


def item(name):
    return ChecklistItem.objects.get(case_type__code="民初", name=name)


def upload_files(client, draft, files: dict):
    return client.post(step_url(draft, "materials"), {**files, "action": "save"})


# --- Saving and resuming ----------------------------------------------------------------------------------


def test_every_step_saves_and_the_draft_resumes_where_it_was_left(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    response = fill_case(client, draft, wugang)
    assert response.url == step_url(draft, "parties")
    draft.refresh_from_db()
    assert draft.court == wugang and draft.case_type.code == "民初"
    assert draft.data["cause_text"] == "买卖合同纠纷" and draft.data["business_environment"] is True

    fill_parties(client, draft)
    # A lawyer's agents step starts with the lawyer as the agent of the first plaintiff.
    page = client.get(step_url(draft, "agents")).content.decode()
    assert 'value="0" selected' in page and "王律师" in page
    client.post(step_url(draft, "agents"), {"lawyer-party": "0", **rows("agents", []), "action": "next"})
    fill_claims(client, draft, action="save")

    draft.refresh_from_db()
    assert [p["name"] for p in draft.data["parties"]] == ["赵六", "某某商贸有限公司"]
    assert draft.data["parties"][0]["birth_date"] == "1949-12-31" and draft.data["parties"][0]["sex"] == "女"
    assert draft.data["agents"] == [
        {
            "party_index": 0,
            "kind": "lawyer",
            "name": "王律师",
            "phone": lawyer.mobile,
            "licence_number": "14104202010123456",
            "firm": "河南某某律师事务所",
            "special_authority": False,
            "from_account": True,
        }
    ]
    assert draft.data["evidence"] == [{"name": "供货合同", "source": "原告持有", "purpose": "双方买卖关系"}]
    assert draft.history.latest().history_user == lawyer

    # Left and resumed: the draft opens at the step it was left on, with everything typed.
    response = client.get(reverse("filing:draft_edit", args=[draft.pk]))
    assert response.url == step_url(draft, "claims")
    page = client.get(response.url).content.decode()
    assert "判令被告支付货款50000元。" in page and "供货合同" in page and "钱七" in page
    nav = page[page.index("填写步骤") :]
    assert nav.count("（已完成）") == 4  # case, parties, agents, claims


def test_incomplete_parties_are_saved_with_a_warning_only_submit_insists(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    bad_id = {**PLAINTIFF, "id_number": "110105194912310021"}
    response = fill_parties(client, draft, parties=[bad_id], action="save")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["parties"][0]["id_number"] == "110105194912310021"
    page = client.get(step_url(draft, "parties")).content.decode()
    assert "第1名当事人（赵六）：身份证号码的校验码不符" in page
    assert "请至少填写一名被告" in page


def test_rows_are_added_and_removed_without_javascript(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    response = fill_parties(client, draft, action="add")
    assert response.url == step_url(draft, "parties") + "?add=1"
    page = client.get(response.url).content.decode()
    assert page.count("data-party-row=") == 3
    third = {**DEFENDANT, "name": "孙八", "kind": "person"}
    fill_parties(client, draft, parties=[PLAINTIFF, DEFENDANT, third], action="remove_party:1")
    draft.refresh_from_db()
    assert [p["name"] for p in draft.data["parties"]] == ["赵六", "孙八"]


# --- Who may see a draft ----------------------------------------------------------------------------------


def test_someone_elses_draft_and_forged_ids_are_404(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_case(client, draft, wugang)
    stored = Upload.objects.create(
        draft=draft,
        name="x",
        file="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=lawyer,
        uploaded_at=timezone.now(),
    )
    other = PortalUserFactory(role=LAWYER)
    PortalAccountFactory(user=other, kind=PortalAccountKind.LAWYER, firm="甲所", verified_at=timezone.now())
    client.force_login(other)
    for step in ("case", "parties", "agents", "claims", "materials", "confirm"):
        assert client.get(step_url(draft, step)).status_code == 404
        assert client.post(step_url(draft, step), {"action": "save"}).status_code == 404
    for name in ("filing:draft_edit", "filing:draft_complaint"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
    assert client.post(reverse("filing:draft_submit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("filing:upload_file", args=[stored.pk])).status_code == 404

    client.force_login(lawyer)
    assert client.get(step_url(draft, "nowhere")).status_code == 404
    assert client.get(reverse("filing:draft_step", args=[99999, "case"])).status_code == 404
    response = client.post(step_url(draft, "materials"), {"action": "remove:99999"})
    assert response.status_code == 404
    assert Upload.objects.filter(pk=stored.pk).exists()


# --- Interns -----------------------------------------------------------------------------------------------


def make_intern(firm="河南某某律师事务所"):
    intern = PortalUserFactory(full_name="李实习", role=INTERN_LAWYER)
    PortalAccountFactory(
        user=intern,
        kind=PortalAccountKind.INTERN,
        firm=firm,
        intern_certificate_number="2026410009",
        verified_at=timezone.now(),
    )
    return intern


def test_an_intern_chooses_only_a_verified_lawyer_of_their_firm(client, lawyer, wugang):
    unverified = PortalUserFactory(full_name="未核验律师", role=LAWYER)
    PortalAccountFactory(user=unverified, kind=PortalAccountKind.LAWYER, firm="河南某某律师事务所")
    elsewhere = PortalUserFactory(full_name="外所律师", role=LAWYER)
    PortalAccountFactory(
        user=elsewhere, kind=PortalAccountKind.LAWYER, firm="另一律师事务所", verified_at=timezone.now()
    )
    intern = make_intern()
    client.force_login(intern)
    draft = new_draft(client)
    fill_parties(client, draft)
    page = client.get(step_url(draft, "agents")).content.decode()
    assert "王律师" in page and "未核验律师" not in page and "外所律师" not in page

    for forged in (elsewhere.pk, unverified.pk):
        response = client.post(
            step_url(draft, "agents"), {"lawyer-lawyer": forged, "lawyer-party": "0", **rows("agents", [])}
        )
        assert response.status_code == 200 and "只能选择本所已通过核验的执业律师" in response.content.decode()
    draft.refresh_from_db()
    assert "lawyer_id" not in draft.data

    client.post(
        step_url(draft, "agents"), {"lawyer-lawyer": lawyer.pk, "lawyer-party": "0", **rows("agents", [])}
    )
    draft.refresh_from_db()
    assert draft.data["lawyer_id"] == lawyer.pk
    # The lawyer is the agent; the intern is only who submits (DOMAIN §9).
    agents = [(agent["name"], agent["licence_number"]) for agent in draft.data["agents"]]
    assert agents == [("王律师", "14104202010123456")]


# --- Bad input ---------------------------------------------------------------------------------------------


def test_markup_in_a_text_field_is_refused_and_nothing_is_saved(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_claims(client, draft, action="save")
    response = fill_claims(client, draft, facts='被告<script>alert("x")</script>未付款', action="save")
    page = response.content.decode()
    assert response.status_code == 200
    assert "“事实和理由”中不能含有网页代码或脚本" in page and "<script>alert" not in page
    draft.refresh_from_db()
    assert draft.data["facts"] == "原告向被告供货，被告至今未付款。"

    response = fill_parties(client, draft, parties=[{**PLAINTIFF, "name": "<img src=x onerror=alert(1)>"}])
    assert response.status_code == 200 and "“姓名或名称”中不能含有网页代码" in response.content.decode()
    # "<" before a digit or a space is ordinary text.
    assert fill_claims(client, draft, facts="利息按年利率<4%计算，且 a < b。").status_code == 302


def test_filing_create_refuses_markup_from_every_channel(clerk):
    with pytest.raises(ValidationError) as error:
        filing_receive(
            user=clerk,
            case_type=CaseType.objects.get(code="民初"),
            claims="判令被告还款。",
            cause_text="民间借贷纠纷",
            parties=[
                PartyInput(role="plaintiff", name="张三", address="<a href='x'>住所</a>"),
                PartyInput(role="defendant", name="李四"),
            ],
            materials=[],
            facts="</textarea>",
        )
    messages = " ".join(error.value.messages)
    assert "第1名当事人·住所" in messages and "事实和理由" in messages
    assert Filing.objects.count() == 0


# --- The complaint -----------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).replace(" ", "")


def test_the_generated_complaint_carries_article_4s_contents(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_everything(client, draft, wugang)
    response = client.get(reverse("filing:draft_complaint", args=[draft.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "民事起诉状",
        "原告：赵六",
        "13800138000",
        "被告：某某商贸有限公司",
        "委托诉讼代理人：王律师",
        "判令被告支付货款50000元",
        "原告向被告供货",
        "供货合同",
        "钱七",
        "此致",
        "舞钢市人民法院",
        "具状人",
    ):
        assert expected in text, expected


def test_the_generated_complaint_becomes_the_complaint_upload(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_everything(client, draft, wugang)
    for _ in range(2):  # generated again after a change: replaced, not duplicated
        response = client.post(step_url(draft, "materials"), {"action": "generate"})
        assert response.status_code == 302
    [stored] = draft.uploads.all()
    assert stored.checklist_item == item("起诉状") and stored.content_type == "application/pdf"
    with stored.file.open("rb") as file:
        assert "判令被告支付货款50000元" in pdf_text(file.read())
    page = client.get(step_url(draft, "materials")).content.decode()
    assert reverse("filing:upload_thumbnail", args=[stored.pk]) in page


# --- Submitting --------------------------------------------------------------------------------------------


def test_a_lawyer_submits_and_gets_the_receipt(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_everything(client, draft, wugang)
    client.post(step_url(draft, "materials"), {"action": "generate"})
    response = upload_files(
        client,
        draft,
        {
            f"item_{item('授权委托书').pk}": upload(blank_pdf(1), "委托书.pdf"),
            "firm_letter": upload(blank_pdf(1), "所函.pdf"),
            "other_name": "送货单",
            "other_file": upload(blank_pdf(2), "送货单.pdf"),
        },
    )
    assert response.status_code == 302
    assert draft.uploads.count() == 4
    page = client.get(step_url(draft, "confirm")).content.decode()
    assert "填写内容完整，可以提交" in page

    response = client.post(reverse("filing:draft_submit", args=[draft.pk]))
    assert response.url == reverse("filing:portal")
    filing = Filing.objects.get()
    assert filing.owner == lawyer and filing.business_environment and filing.channel == "online"
    assert sorted(filing.parties.values_list("name", flat=True)) == ["某某商贸有限公司", "赵六"]
    assert filing.agents.get().name == "王律师"
    receipt = Notice.objects.get(subject=f"filing:{filing.pk}", kind="receipt")
    assert sorted(m["name"] for m in receipt.snapshot["materials"]) == sorted(
        ["民事起诉状（系统生成）", "授权委托书", "律师事务所函", "送货单"]
    )
    portal = client.get(response.url).content.decode()
    assert "材料收据已出具" in portal

    # Submitting again: a clear message, no second filing.
    response = client.post(reverse("filing:draft_submit", args=[draft.pk]), follow=True)
    assert "已于" in response.content.decode() and Filing.objects.count() == 1
    # The submitted draft can no longer be changed.
    response = client.get(step_url(draft, "claims"), follow=True)
    assert "该草稿已提交" in response.content.decode()


def test_a_lawyer_without_the_power_of_attorney_and_firm_letter_is_refused(client, lawyer, wugang):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_everything(client, draft, wugang)
    client.post(step_url(draft, "materials"), {"action": "generate"})
    page = client.get(step_url(draft, "confirm")).content.decode()
    assert NO_POWER_OF_ATTORNEY in page and NO_FIRM_LETTER in page
    assert step_url(draft, "materials") in page
    response = client.post(reverse("filing:draft_submit", args=[draft.pk]), follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and NO_POWER_OF_ATTORNEY in page
    assert Filing.objects.count() == 0 and Notice.objects.count() == 0


def test_an_unverified_lawyer_saves_but_cannot_submit(client, wugang):
    user = PortalUserFactory(full_name="新律师", role=LAWYER)
    PortalAccountFactory(
        user=user, kind=PortalAccountKind.LAWYER, firm="甲所", licence_number="14104202010999999"
    )
    client.force_login(user)
    draft = new_draft(client)
    fill_everything(client, draft, wugang)
    page = client.get(step_url(draft, "confirm")).content.decode()
    assert "尚未通过法院核验" in page
    response = client.post(reverse("filing:draft_submit", args=[draft.pk]), follow=True)
    assert response.status_code == 200 and Filing.objects.count() == 0


def test_a_party_files_without_lawyer_materials(client, wugang):
    party = PortalUserFactory(full_name="赵六", role=PARTY)
    PortalAccountFactory(user=party)
    client.force_login(party)
    draft = new_draft(client)
    fill_case(client, draft, wugang)
    fill_parties(client, draft)
    fill_claims(client, draft)
    page = client.get(step_url(draft, "materials")).content.decode()
    assert 'name="firm_letter"' not in page
    upload_files(client, draft, {f"item_{item('起诉状').pk}": upload(blank_pdf(1), "起诉状.pdf")})
    response = client.post(reverse("filing:draft_submit", args=[draft.pk]))
    assert response.url == reverse("filing:portal")
    assert Filing.objects.get().owner == party


def test_a_step_page_takes_a_bounded_number_of_queries(client, lawyer, wugang, django_assert_max_num_queries):
    client.force_login(lawyer)
    draft = new_draft(client)
    fill_everything(client, draft, wugang)
    upload_files(client, draft, {f"item_{item('授权委托书').pk}": upload(blank_pdf(1), "委托书.pdf")})
    for step in ("case", "parties", "agents", "claims", "materials", "confirm"):
        with django_assert_max_num_queries(20):
            assert client.get(step_url(draft, step)).status_code == 200
