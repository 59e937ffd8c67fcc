"""The public fee calculator through the HTTP interface, and the fee schedule's admin."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from filing.fees import (
    AMOUNT_IGNORED,
    AMOUNT_REQUIRED,
    AMOUNT_TOO_LARGE,
    BANKRUPTCY_PAID_AFTER,
    ENFORCEMENT_PAID_AFTER,
    NEGATIVE_AMOUNT,
    NO_HALVING,
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    UNKNOWN_KIND,
    UNKNOWN_PROVINCE,
    WAGE_CLAIM_NO_ADVANCE,
)
from filing.forms_fees import KIND_REQUIRED
from filing.models import FeeSchedule
from tests.factories import CourtFactory, UserFactory

DISCLAIMER = "应交金额以人民法院出具的交纳诉讼费用通知书为准"
FEE_TOTAL = re.compile(r'data-fee-total="([^"]*)"')


def calculator(client, **params) -> tuple[int, str]:
    response = client.get(f"{reverse('fees')}?{urlencode(params)}")
    return response.status_code, response.content.decode()


def fee_totals(page: str) -> list[str]:
    return FEE_TOTAL.findall(page)


def test_the_page_is_public_and_computes_nothing_until_asked(client, db):
    status, page = calculator(client)
    assert status == 200
    assert "诉讼费计算器" in page
    assert fee_totals(page) == []
    assert '<option value="豫" selected>河南省</option>' in page
    assert 'method="get"' in page
    assert "主导航" not in page  # no staff navigation for the public
    assert "不超过 1 万元" not in page


def test_the_worked_example_is_a_link(client, db):
    status, page = calculator(client, kind="property", amount="150000")
    assert status == 200
    assert fee_totals(page) == ["3300.00"]
    assert "3,300.00" in page
    assert "90,000.00 元 × 2.5%" in page and "50,000.00 元 × 2%" in page
    assert "《诉讼费用交纳办法》第十三条第（一）项" in page
    assert DISCLAIMER in page
    assert 'value="150000"' in page  # the form keeps what was typed


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"kind": "property", "amount": "15万"}, "3300.00"),
        ({"kind": "property", "amount": "１５００００"}, "3300.00"),
        ({"kind": "property", "amount": "150,000元", "simplified": "on"}, "1650.00"),
        ({"kind": "divorce", "property_amount": "300000"}, "550.00"),  # 50 + 100,000 × 0.5%
        ({"kind": "personality", "damages": "80000"}, "400.00"),  # 100 + 30,000 × 1%
        ({"kind": "enforcement", "amount": "1000000"}, "12400.00"),  # 50 + 490,000 × 1.5% + 500,000 × 1%
        ({"kind": "preservation", "amount": "2000000"}, "5000.00"),  # the cap
        ({"kind": "payment_order", "amount": "100000"}, "766.67"),  # 2,300 / 3
        ({"kind": "labour", "simplified": "on"}, "5.00"),
        ({"kind": "public_summons"}, "100.00"),
        ({"kind": "bankruptcy", "amount": "200000000"}, "300000.00"),
    ],
)
def test_linkable_results(client, db, params, total):
    status, page = calculator(client, **params)
    assert status == 200
    assert fee_totals(page) == [total]


def test_paid_after_and_no_advance_are_said(client, db):
    _, enforcement = calculator(client, kind="enforcement", amount="100000")
    assert ENFORCEMENT_PAID_AFTER in enforcement
    _, bankruptcy = calculator(client, kind="bankruptcy", amount="1000000")
    assert BANKRUPTCY_PAID_AFTER in bankruptcy
    _, wages = calculator(client, kind="labour", amount="50000", wage_claim="on")
    assert fee_totals(wages) == ["10.00"]
    assert WAGE_CLAIM_NO_ADVANCE in wages
    assert AMOUNT_IGNORED.format(kind="劳动争议案件") in wages


def test_the_province_decides_the_local_amounts(client, db):
    FeeSchedule.objects.create(province="鲁", divorce=Decimal("200"))
    _, shandong = calculator(client, kind="divorce", province="鲁")
    assert fee_totals(shandong) == ["200.00"]
    assert "山东省" in shandong
    _, henan = calculator(client, kind="divorce")
    assert fee_totals(henan) == ["50.00"]


def test_a_court_code_picks_its_province(client, db):
    CourtFactory(name="济南市钢城区人民法院", code="鲁0117", province="鲁")
    FeeSchedule.objects.create(province="鲁", divorce=Decimal("200"))
    _, page = calculator(client, court="鲁0117")
    assert '<option value="鲁" selected>山东省</option>' in page
    assert "济南市钢城区人民法院" in page
    _, result = calculator(client, court="鲁0117", kind="divorce")
    assert fee_totals(result) == ["200.00"]
    _, chosen = calculator(client, court="鲁0117", kind="divorce", province="豫")  # the select wins
    assert fee_totals(chosen) == ["50.00"]
    _, unknown = calculator(client, court="XX9999", kind="divorce")
    assert fee_totals(unknown) == ["50.00"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "property", "amount": "abc"}, NOT_A_NUMBER.format(field="金额")),
        ({"kind": "property", "amount": "-5"}, NEGATIVE_AMOUNT.format(field="诉讼请求金额")),
        ({"kind": "property", "amount": "1e20"}, AMOUNT_TOO_LARGE.format(field="诉讼请求金额")),
        ({"kind": "property"}, AMOUNT_REQUIRED.format(kind="财产案件", field="诉讼请求金额")),
        ({"kind": "bankruptcy", "amount": ""}, AMOUNT_REQUIRED.format(kind="破产案件", field="破产财产总额")),
        ({"kind": "wages", "amount": "1"}, UNKNOWN_KIND.format(kind="wages")),
        ({"kind": ""}, KIND_REQUIRED),
        ({"kind": "labour", "province": "XX"}, UNKNOWN_PROVINCE.format(province="XX")),
        ({"kind": "enforcement", "simplified": "on"}, NO_HALVING.format(kind="申请执行")),
    ],
)
def test_bad_input_is_explained_and_nothing_is_computed(client, db, params, message):
    status, page = calculator(client, **params)
    assert status == 200
    assert message in page
    assert fee_totals(page) == []
    assert 'role="alert"' in page


def test_signed_in_staff_see_the_calculator_under_their_header(client, db):
    client.force_login(UserFactory(full_name="张敏"))
    status, page = calculator(client, kind="property", amount="150000")
    assert status == 200
    assert fee_totals(page) == ["3300.00"]
    assert "张敏" in page and "工作人员登录" not in page


def test_admin_lists_every_amount_by_province(admin_client):
    FeeSchedule.objects.create(
        province="鲁", divorce=Decimal("260"), enforcement_without_amount=Decimal("400")
    )
    page = admin_client.get(reverse("admin:filing_feeschedule_changelist")).content.decode()
    assert "山东省" in page and "260.00" in page and "400.00" in page
    assert "管辖权异议不成立" in page


def test_admin_refuses_an_amount_outside_the_legal_range(admin_client):
    data = {
        "province": "豫",
        "divorce": "350",
        "personality_rights": "100",
        "other_non_property": "50",
        "ip_without_amount": "500",
        "jurisdiction_objection": "50",
        "enforcement_without_amount": "50",
    }
    response = admin_client.post(reverse("admin:filing_feeschedule_add"), data)
    assert response.status_code == 200
    message = OUT_OF_RANGE.format(
        label="离婚案件", low=50, high=300, act="《诉讼费用交纳办法》", article="第十三条第（二）项"
    )
    assert message in response.content.decode()
    assert not FeeSchedule.objects.exists()

    data["divorce"] = "300"
    assert admin_client.post(reverse("admin:filing_feeschedule_add"), data).status_code == 302
    assert FeeSchedule.objects.get(province="豫").divorce == Decimal("300")
