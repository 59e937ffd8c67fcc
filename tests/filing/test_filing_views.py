"""The clerk's filing screens through the HTTP interface: the journeys, who may do what, bad input.

The pages are driven as a browser would: GET a page, take the values its forms show, change what the
clerk changes, POST. So a test breaks when the page stops offering what the clerk needs.
"""

from datetime import date

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from courthall.roles import CLERK, JUDGE
from courthall.validators import RESIDENT_ID_CHECK
from filing.forms.filings import CAUSE_TWICE, REFUSAL_TEMPLATES
from filing.models import CaseType, CauseOfAction, CorrectionItem, Filing, FilingState, PartyRole
from filing.permissions import SUPERVISOR_ONLY
from filing.services import filings as services
from filing.services.filings import CorrectionInput, MaterialInput
from notices.models import Notice
from tests.factories import UserFactory
from tests.filing.conftest import civil_filing

pytestmark = pytest.mark.usefixtures("pdf_fonts")

MONDAY = "2026-03-02 10:00 +0800"
PLAINTIFF_ID = "11010519491231002X"


# --- Driving the pages -------------------------------------------------------------------------------------


def shown_values(*parts) -> dict:
    """What the page's forms and formsets would post as shown: management forms, values, ticked boxes."""
    data = {}
    for part in parts:
        if isinstance(part, forms.BaseFormSet):
            data.update(shown_values(part.management_form))
            data.update(shown_values(*part.forms))
            continue
        for field in part:
            value = field.value()
            if isinstance(field.field.widget, forms.CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = str(value.pk if hasattr(value, "pk") else value)
    return data


def new_filing_data(client, *, case_type="民初", amount="150000", tick=None, **overrides) -> dict:
    """The new-filing page filled in as at the window: 民间借贷纠纷, one plaintiff, one defendant, the
    checklist items in `tick` handed over (all that apply to one natural-person plaintiff by default)."""
    case_type = CaseType.objects.get(code=case_type)
    response = client.get(reverse("filing:filing_new"), {"case_type": case_type.pk})
    assert response.status_code == 200
    intake = response.context["intake"]
    intake.agents.extra = 0
    data = shown_values(intake.form, intake.submitter, intake.parties, intake.agents, intake.checklist)
    data.update(
        {
            "agents-TOTAL_FORMS": "0",
            "extras-TOTAL_FORMS": "0",
            "extras-INITIAL_FORMS": "0",
            "checklist_for": str(case_type.pk),
            "action": "save",
            "cause": str(CauseOfAction.objects.get(name="民间借贷纠纷").pk),
            "amount_in_dispute": amount,
            "claims": "判令被告偿还借款本金150000元及利息。",
            "facts": "被告于2025年向原告借款，到期未还。",
            "submitter_name": "张三",
            "parties-0-name": "张三",
            "parties-0-id_number": PLAINTIFF_ID,
            "parties-0-phone": "13800138000",
            "parties-0-address": "河南省舞钢市",
            "parties-1-name": "李四",
            "parties-1-id_type": "",
            "parties-1-address": "河南省平顶山市",
        }
    )
    tick = {"起诉状", "原告身份证明", "被告身份信息", "证据目录及证据"} if tick is None else tick
    for index, form in enumerate(intake.checklist.forms):
        if form.item.name in tick:
            data[f"checklist-{index}-handed"] = "on"
    data.update(overrides)
    return data


def receive(client, **overrides) -> Filing:
    response = client.post(reverse("filing:filing_new"), new_filing_data(client, **overrides))
    assert response.status_code == 302, response.context and response.context["intake"].errors()
    filing = Filing.objects.latest("pk")
    assert response.url == reverse("filing:filing_detail", args=[filing.pk])
    return filing


def notice_kinds(filing) -> list[str]:
    return list(
        Notice.objects.filter(subject=f"filing:{filing.pk}").order_by("pk").values_list("kind", flat=True)
    )


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


# --- Journeys ------------------------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_receive_then_register_on_the_spot_and_print_the_documents(clerk_client):
    filing = receive(clerk_client)
    assert filing.state == FilingState.RECEIVED
    assert {(p.role, p.name) for p in filing.parties.all()} == {("plaintiff", "张三"), ("defendant", "李四")}
    plaintiff = filing.parties.get(name="张三")
    assert (plaintiff.sex, plaintiff.birth_date) == ("女", date(1949, 12, 31))  # from the ID number
    assert filing.decision_due_on == date(2026, 3, 9)
    assert notice_kinds(filing) == ["receipt"]
    assert {m.name for m in filing.rounds.get().items.all()} == {
        "起诉状",
        "原告身份证明",
        "被告身份信息",
        "证据目录及证据",
    }

    detail = clerk_client.get(reverse("filing:filing_detail", args=[filing.pk]))
    page = detail.content.decode()
    assert "材料收据" in page and "2026年3月9日" in page and "剩 7 日" in page
    assert reverse("filing:filing_register", args=[filing.pk]) in page and "当场立案" in page

    confirm = clerk_client.get(reverse("filing:filing_register", args=[filing.pk]))
    assert confirm.status_code == 200
    assert "3,300.00 元" in confirm.content.decode()  # DOMAIN.md §5: 150,000 → 3,300

    response = clerk_client.post(reverse("filing:filing_register", args=[filing.pk]))
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.case_number == "（2026）豫0481民初1号" and filing.registered_on_spot
    assert notice_kinds(filing) == ["receipt", "acceptance", "fee"]

    page = clerk_client.get(response.url).content.decode()
    assert filing.case_number in page and "已立案" in page
    for notice in Notice.objects.filter(subject=f"filing:{filing.pk}"):
        url = reverse("notices:pdf", args=[notice.pk])
        assert url in page
        pdf = clerk_client.get(url)
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # No decision is offered on a registered filing.
    assert reverse("filing:filing_correction", args=[filing.pk]) not in page


@time_machine.travel(MONDAY, tick=False)
def test_correction_then_corrections_received_then_register(clerk_client):
    filing = receive(clerk_client, tick={"起诉状", "原告身份证明"})

    # The notice starts with every checklist material still missing (one-time notice, art. 7).
    page = clerk_client.get(reverse("filing:filing_correction", args=[filing.pk]))
    intake = page.context["intake"]
    prefilled = [form.initial["material"] for form in intake.items.forms[: intake.items.initial_form_count()]]
    assert prefilled == ["被告身份信息", "证据目录及证据"]
    data = shown_values(intake.items)
    data.update(
        {
            "action": "save",
            "items-2-material": "起诉状",
            "items-2-problem": "未签名",
            "items-2-provide": "签名",
        }
    )
    data["items-2-material_item"] = str(filing.rounds.get().items.get(name="起诉状").pk)
    response = clerk_client.post(reverse("filing:filing_correction", args=[filing.pk]), data)
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == FilingState.AWAITING_CORRECTION
    correction = filing.corrections.get()
    assert [item.material for item in correction.items.all()] == ["被告身份信息", "证据目录及证据", "起诉状"]
    assert correction.deadline_on == date(2026, 3, 9)

    detail = clerk_client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert "补正材料通知书" in detail and "收到补正材料" in detail
    assert reverse("filing:filing_register", args=[filing.pk]) not in detail

    with time_machine.travel("2026-03-05 09:00 +0800", tick=False):
        page = clerk_client.get(reverse("filing:filing_corrections_received", args=[filing.pk]))
        intake = page.context["intake"]
        data = shown_values(intake.submitter, intake.checklist, intake.extras)
        for index, form in enumerate(intake.checklist.forms):
            if form.status.missing:
                data[f"checklist-{index}-handed"] = "on"
        data.update({"action": "save", "extras-0-name": "签名后的起诉状", "extras-0-copies": "2"})
        response = clerk_client.post(reverse("filing:filing_corrections_received", args=[filing.pk]), data)
        assert response.status_code == 302
        filing.refresh_from_db()
        assert filing.state == FilingState.UNDER_REVIEW
        # 登记立案规定 art. 7: the period runs again from the day the corrections arrive.
        assert filing.decision_due_on == date(2026, 3, 12)
        assert filing.rounds.count() == 2
        assert {m.name for m in filing.rounds.get(number=2).items.all()} == {
            "被告身份信息",
            "证据目录及证据",
            "签名后的起诉状",
        }
        response = clerk_client.post(reverse("filing:filing_register", args=[filing.pk]))
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.case_number == "（2026）豫0481民初1号" and not filing.registered_on_spot
    assert notice_kinds(filing) == ["receipt", "correction", "receipt", "acceptance", "fee"]


@time_machine.travel(MONDAY, tick=False)
def test_refuse_with_a_reason_template(clerk_client):
    filing = receive(clerk_client)
    page = clerk_client.get(reverse("filing:filing_refuse", args=[filing.pk]), {"template": "no_interest"})
    _, reasons, basis = REFUSAL_TEMPLATES["no_interest"]
    assert page.context["form"]["reasons"].value() == reasons
    assert "第一百二十二条第一项" in page.context["form"]["legal_basis"].value()

    # The template alone is enough: reasons and basis left empty are taken from it.
    response = clerk_client.post(
        reverse("filing:filing_refuse", args=[filing.pk]),
        {"template": "no_interest", "reasons": "", "legal_basis": ""},
    )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == FilingState.REFUSED
    assert (filing.refusal_reasons, filing.refusal_basis) == (reasons, basis)
    assert notice_kinds(filing) == ["receipt", "refusal"]
    page = clerk_client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert "不予受理裁定书" in page and reasons in page


@time_machine.travel(MONDAY, tick=False)
def test_refusal_without_reasons_is_shown_the_rule(clerk_client):
    filing = receive(clerk_client)
    response = clerk_client.post(
        reverse("filing:filing_refuse", args=[filing.pk]), {"template": "", "reasons": " ", "legal_basis": ""}
    )
    assert response.status_code == 200
    assert services.NO_REFUSAL_REASON in response.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RECEIVED


@time_machine.travel(MONDAY, tick=False)
def test_decide_later_then_the_queue_orders_by_limit_and_flags_the_overdue(clerk_client, clerk):
    first = receive(clerk_client)
    response = clerk_client.post(reverse("filing:filing_decide_later", args=[first.pk]))
    assert response.status_code == 302
    assert Filing.objects.get(pk=first.pk).state == FilingState.UNDER_REVIEW
    with time_machine.travel("2026-03-04 10:00 +0800", tick=False):
        second = civil_filing(clerk)
    with time_machine.travel("2026-03-10 10:00 +0800", tick=False):
        page = clerk_client.get(reverse("filing:filing_queue"))
        rows = list(page.context["page"])
        assert [f.pk for f in rows] == [first.pk, second.pk]  # limits 3-09, 3-11
        assert rows[0].overdue and not rows[1].overdue
        content = page.content.decode()
        assert "已届满，须先行立案" in content and "剩 1 日" in content
        detail = clerk_client.get(reverse("filing:filing_detail", args=[first.pk])).content.decode()
        assert "已届满，须先行立案" in detail and "先行立案" in detail


@time_machine.travel(MONDAY, tick=False)
def test_jurisdiction_and_withdrawal(clerk_client, clerk):
    filing = receive(clerk_client)
    response = clerk_client.post(
        reverse("filing:filing_jurisdiction", args=[filing.pk]),
        {"competent_court": "平顶山市湛河区人民法院", "reason": "被告住所地及合同履行地均在湛河区。"},
    )
    assert response.status_code == 302
    assert Filing.objects.get(pk=filing.pk).state == FilingState.NOT_COMPETENT
    assert notice_kinds(filing)[-1] == "jurisdiction"

    other = civil_filing(clerk)
    response = clerk_client.post(reverse("filing:filing_withdraw", args=[other.pk]), {"reason": ""})
    assert response.status_code == 200 and services.NO_REASON in response.content.decode()
    response = clerk_client.post(
        reverse("filing:filing_withdraw", args=[other.pk]), {"reason": "当事人已和解"}
    )
    assert response.status_code == 302
    assert Filing.objects.get(pk=other.pk).state == FilingState.WITHDRAWN


@time_machine.travel(MONDAY, tick=False)
def test_lapse_is_offered_only_after_the_correction_deadline(clerk_client, clerk):
    filing = civil_filing(clerk)
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[CorrectionInput(material="证据", problem="未提交", provide="提交证据")],
    )
    url = reverse("filing:filing_lapse", args=[filing.pk])
    assert url not in clerk_client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    early = clerk_client.post(url)
    assert early.status_code == 200 and "尚未届满" in early.content.decode()
    with time_machine.travel("2026-03-10 10:00 +0800", tick=False):
        assert url in clerk_client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
        assert clerk_client.post(url).status_code == 302
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RETURNED


@time_machine.travel(MONDAY, tick=False)
def test_a_second_notice_needs_a_supervisors_approval(clerk_client, clerk, supervisor):
    filing = civil_filing(clerk)
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[CorrectionInput(material="证据目录及证据", problem="未提交", provide="提交")],
    )
    services.filing_receive_corrections(
        filing=filing, user=clerk, materials=[MaterialInput(name="证据目录及证据", copies=2)]
    )
    url = reverse("filing:filing_correction", args=[filing.pk])
    page = clerk_client.get(url)
    assert "二次告知的批准" in page.content.decode()
    intake = page.context["intake"]
    data = shown_values(intake.items, intake.approval)
    for index in range(intake.items.initial_form_count()):
        data[f"items-{index}-DELETE"] = "on"
    # The complaint was handed in at first: asking about it now is a second notice.
    first_complaint = filing.rounds.get(number=1).items.get(name="起诉状")
    row = intake.items.initial_form_count()
    data.update(
        {
            "action": "save",
            f"items-{row}-material_item": str(first_complaint.pk),
            f"items-{row}-problem": "诉讼请求金额前后不一致",
            f"items-{row}-provide": "更正后的起诉状",
        }
    )
    refused = clerk_client.post(url, data)
    assert refused.status_code == 200
    assert "属于二次告知" in refused.content.decode()
    assert Filing.objects.get(pk=filing.pk).state == FilingState.UNDER_REVIEW

    # Only a supervisor of the court is offered, and the choice is recorded as the approver.
    approvers = list(refused.context["intake"].approval.fields["approved_by"].queryset)
    assert approvers == [supervisor]
    data.update({"approved_by": str(supervisor.pk), "approval_reason": "金额矛盾系补正材料中新发现"})
    assert clerk_client.post(url, data).status_code == 302
    item = CorrectionItem.objects.get(second_notice=True)
    assert (item.material, item.approved_by) == ("起诉状", supervisor)
    detail = clerk_client.get(reverse("filing:filing_detail", args=[filing.pk])).content.decode()
    assert "二次告知" in detail and "刘芳" in detail


# --- Who may see and do what ------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_another_courts_filing_is_not_found(client, clerk):
    from courthall.models import Court

    gangcheng = Court.objects.get(code="鲁0117")
    gangcheng.fee_account_number = "0117"
    gangcheng.save()
    theirs = civil_filing(UserFactory(court=gangcheng, role=CLERK))
    client.force_login(clerk)
    for name in ("filing_detail", "filing_register", "filing_correction", "filing_refuse", "filing_withdraw"):
        assert client.get(reverse(f"filing:{name}", args=[theirs.pk])).status_code == 404, name
    assert client.post(reverse("filing:filing_register", args=[theirs.pk])).status_code == 404
    assert theirs.pk not in [f.pk for f in client.get(reverse("filing:filing_queue")).context["page"]]
    assert Filing.objects.get(pk=theirs.pk).state == FilingState.RECEIVED


@time_machine.travel(MONDAY, tick=False)
def test_a_judge_is_refused_every_decision_with_the_reason(client, clerk, wugang):
    filing = civil_filing(clerk)
    client.force_login(UserFactory(court=wugang, role=JUDGE))
    for name in (
        "filing_register",
        "filing_correction",
        "filing_refuse",
        "filing_jurisdiction",
        "filing_decide_later",
    ):
        response = client.post(reverse(f"filing:{name}", args=[filing.pk]))
        assert response.status_code == 403, name
        assert "您的岗位没有此项权限" in response.content.decode()
    assert client.get(reverse("filing:filing_new")).status_code == 403
    assert Filing.objects.get(pk=filing.pk).state == FilingState.RECEIVED
    assert notice_kinds(filing) == ["receipt"]


@time_machine.travel(MONDAY, tick=False)
def test_a_supervisor_sees_the_filing_but_no_decision_buttons(client, clerk, supervisor):
    filing = civil_filing(clerk)
    client.force_login(supervisor)
    page = client.get(reverse("filing:filing_detail", args=[filing.pk]))
    assert page.status_code == 200
    assert reverse("filing:filing_register", args=[filing.pk]) not in page.content.decode()
    assert client.post(reverse("filing:filing_register", args=[filing.pk])).status_code == 403
    assert client.get(reverse("filing:filing_queue")).status_code == 200
    assert SUPERVISOR_ONLY  # the approval of second notices is theirs (test above)


@time_machine.travel(MONDAY, tick=False)
def test_a_decision_out_of_state_is_a_403_with_the_reason(clerk_client, clerk):
    filing = civil_filing(clerk)
    services.filing_return_for_correction(
        filing=filing,
        user=clerk,
        items=[CorrectionInput(material="证据", problem="未提交", provide="提交证据")],
    )
    response = clerk_client.get(reverse("filing:filing_register", args=[filing.pk]))
    assert response.status_code == 403
    assert "待补正" in response.content.decode()


# --- Bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # The defendant's row left as the page showed it.
        (
            {"parties-1-name": "", "parties-1-address": "", "parties-1-id_type": "resident_id"},
            services.NO_DEFENDANT,
        ),
        ({"parties-1-role": "third_party"}, services.NO_DEFENDANT),
        ({"amount": "-5000"}, services.BAD_AMOUNT),
        ({"parties-0-id_number": "110105194912310021"}, RESIDENT_ID_CHECK),
        ({"claims": ""}, services.NO_CLAIMS),
        ({"cause_text": "借款合同纠纷"}, CAUSE_TWICE),
        ({"cause": ""}, services.NO_CAUSE),
    ],
)
@time_machine.travel(MONDAY, tick=False)
def test_bad_input_is_shown_in_chinese_and_nothing_is_saved_or_lost(clerk_client, overrides, message):
    data = new_filing_data(clerk_client, **overrides)
    response = clerk_client.post(reverse("filing:filing_new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert not Filing.objects.exists() and not Notice.objects.exists()
    # What the clerk typed is all still there.
    assert 'value="张三"' in page and ('value="李四"' in page or "parties-1-name" in overrides)
    assert "判令被告偿还借款本金" in page or overrides.get("claims") == ""
    assert 'value="13800138000"' in page
    assert page.count('name="checklist-') and "checked" in page


@time_machine.travel(MONDAY, tick=False)
def test_the_invalid_id_number_names_the_party(clerk_client):
    data = new_filing_data(clerk_client, **{"parties-0-id_number": "110105194912310021"})
    errors = clerk_client.post(reverse("filing:filing_new"), data).context["intake"].errors()
    assert any("张三" in line and RESIDENT_ID_CHECK in line for line in errors)


@time_machine.travel(MONDAY, tick=False)
def test_a_double_post_to_register_gives_one_case_number_and_says_who(clerk_client):
    filing = receive(clerk_client)
    url = reverse("filing:filing_register", args=[filing.pk])
    assert clerk_client.post(url).status_code == 302
    again = clerk_client.post(url)
    assert again.status_code == 200
    page = again.content.decode()
    assert "张敏" in page and "已立案" in page and "（2026）豫0481民初1号" in page
    assert Filing.objects.get(pk=filing.pk).case_number == "（2026）豫0481民初1号"
    assert notice_kinds(filing).count("acceptance") == 1
    assert Filing.objects.filter(case_number__isnull=False).count() == 1


# --- The page without JavaScript --------------------------------------------------------------------------


@time_machine.travel(MONDAY, tick=False)
def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(clerk_client):
    data = new_filing_data(clerk_client, action="add_party", **{"claims": ""})
    response = clerk_client.post(reverse("filing:filing_new"), data)
    assert response.status_code == 200
    intake = response.context["intake"]
    assert len(intake.parties.forms) == 3 and intake.errors() == []
    page = response.content.decode()
    assert 'value="张三"' in page and "is-invalid" not in page and services.NO_CLAIMS not in page
    assert not Filing.objects.exists()


@time_machine.travel(MONDAY, tick=False)
def test_another_case_type_loads_its_checklist_and_keeps_the_parties(clerk_client):
    data = new_filing_data(clerk_client)
    data.update({"action": "load_checklist", "case_type": str(CaseType.objects.get(code="民特").pk)})
    response = clerk_client.post(reverse("filing:filing_new"), data)
    intake = response.context["intake"]
    assert intake.case_type.code == "民特"
    assert [f.item.case_type.code for f in intake.checklist.forms] == ["民特"] * len(intake.checklist.forms)
    assert not any(f["handed"].value() for f in intake.checklist.forms)
    assert 'value="张三"' in response.content.decode()
    assert not Filing.objects.exists()


@time_machine.travel(MONDAY, tick=False)
def test_a_filing_from_a_visit_is_linked_to_it(clerk_client, clerk):
    from filing.services.visits import visit_open

    visit = visit_open(user=clerk, visitor_name="王五", matter="filing")
    url = reverse("filing:filing_new") + f"?visit={visit.pk}"
    assert clerk_client.get(url).context["intake"].submitter["submitter_name"].value() == "王五"
    data = new_filing_data(clerk_client)
    response = clerk_client.post(url, data)
    assert response.status_code == 302
    assert Filing.objects.get().visit == visit
    assert clerk_client.get(reverse("filing:filing_new") + "?visit=999999").status_code == 404


@time_machine.travel(MONDAY, tick=False)
def test_an_agent_is_attached_to_the_party_chosen(clerk_client):
    data = new_filing_data(
        clerk_client, tick={"起诉状", "原告身份证明", "被告身份信息", "证据目录及证据", "授权委托书"}
    )
    data.update(
        {
            "agents-TOTAL_FORMS": "1",
            "agents-0-party": "0",
            "agents-0-kind": "lawyer",
            "agents-0-name": "赵律师",
            "agents-0-licence_number": "14104201810000001",
            "agents-0-firm": "河南某律师事务所",
            "agents-0-special_authority": "on",
        }
    )
    assert clerk_client.post(reverse("filing:filing_new"), data).status_code == 302
    agent = Filing.objects.get().agents.get()
    assert (agent.name, agent.party.name, agent.special_authority) == ("赵律师", "张三", True)


@time_machine.travel(MONDAY, tick=False)
def test_a_double_post_to_decide_later_is_told_not_crashed(clerk_client, clerk):
    filing = civil_filing(clerk)
    url = reverse("filing:filing_decide_later", args=[filing.pk])
    assert clerk_client.post(url).status_code == 302
    again = clerk_client.post(url, follow=True)
    assert again.status_code == 200
    assert Filing.objects.get(pk=filing.pk).state == FilingState.UNDER_REVIEW
    assert Filing.objects.get(pk=filing.pk).events.filter(action="decide_later").count() == 1
    assert services.ALREADY_UNDER_REVIEW in again.content.decode()


@time_machine.travel(MONDAY, tick=False)
def test_a_labour_dispute_with_an_amount_is_charged_the_fixed_fee(clerk_client):
    # 诉讼费用交纳办法 art. 13(4): 10 yuan whatever the amount claimed.
    filing = receive(clerk_client, cause=str(CauseOfAction.objects.get(name="劳动争议").pk))
    page = clerk_client.get(reverse("filing:filing_register", args=[filing.pk])).content.decode()
    assert "10.00 元" in page and "劳动争议案件" in page
    assert clerk_client.post(reverse("filing:filing_register", args=[filing.pk])).status_code == 302
    assert str(Filing.objects.get(pk=filing.pk).fee_total) == "10.00"


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize("licence", ["", "1410420181000000", "1410420181000000X"])
def test_a_lawyer_agent_needs_a_17_digit_licence_number_and_nothing_is_stored(clerk_client, licence):
    data = new_filing_data(clerk_client, tick={"起诉状", "原告身份证明", "被告身份信息", "授权委托书"})
    data.update(
        {
            "agents-TOTAL_FORMS": "1",
            "agents-0-party": "0",
            "agents-0-kind": "lawyer",
            "agents-0-name": "赵律师",
            "agents-0-licence_number": licence,
        }
    )
    response = clerk_client.post(reverse("filing:filing_new"), data)
    assert response.status_code == 200
    assert "律师代理须填写律师执业证号（17位数字）" in response.content.decode()
    assert not Filing.objects.exists()


@time_machine.travel(MONDAY, tick=False)
def test_the_service_refuses_a_lawyer_agent_without_a_licence_number_whatever_the_channel(clerk):
    parties = [
        services.PartyInput(role=PartyRole.PLAINTIFF, name="张三", address="河南省舞钢市"),
        services.PartyInput(role=PartyRole.DEFENDANT, name="李四", address="河南省平顶山市"),
    ]
    agent = services.AgentInput(party_index=0, kind="lawyer", name="赵律师", licence_number="123")
    with pytest.raises(ValidationError, match="17位数字"):
        civil_filing(clerk, parties=parties, agents=[agent])
    assert not Filing.objects.exists()
