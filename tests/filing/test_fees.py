"""Court fees under 《诉讼费用交纳办法》: every expected amount is worked out by hand from the articles."""

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from courthall.reference import FIXTURES_DIR, load_fixture_file
from filing.fees import (
    AMOUNT_IGNORED,
    AMOUNT_NOT_USED,
    AMOUNT_REQUIRED,
    AMOUNT_TOO_LARGE,
    BANKRUPTCY_PAID_AFTER,
    ENFORCEMENT_PAID_AFTER,
    FEE_KINDS,
    HALVED_ONCE,
    NEGATIVE_AMOUNT,
    NO_HALVING,
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    UNKNOWN_KIND,
    UNKNOWN_PROVINCE,
    WAGE_CLAIM_KIND,
    WAGE_CLAIM_NO_ADVANCE,
    FeeInputError,
    compute_fee,
    fee_kind_for_case_type,
    format_yuan,
    jurisdiction_objection_fee,
)
from filing.forms_fees import FeeCalculatorForm, FeeScheduleForm
from filing.models import FeeSchedule

D = Decimal
HENAN = "豫"


def fee(kind: str, **inputs) -> Decimal:
    return compute_fee(kind, province=inputs.pop("province", HENAN), **inputs).total


# art. 13(1), cumulative: 50 up to 10,000; then 2.5% · 2% · 1.5% · 1% · 0.9% · 0.8% · 0.7% · 0.6% · 0.5%.
PROPERTY_CASES = [
    ("0", "50.00"),
    ("10000", "50.00"),  # the flat amount covers 10,000 itself
    ("10000.01", "50.00"),  # 50 + 0.01 × 2.5% = 50.00025
    ("10000.20", "50.01"),  # 50 + 0.20 × 2.5% = 50.005: half up, not half even
    ("10040", "51.00"),  # 50 + 40 × 2.5%
    ("100000", "2300.00"),  # 50 + 90,000 × 2.5%
    ("100000.50", "2300.01"),  # 2,300 + 0.50 × 2%
    ("150000", "3300.00"),  # DOMAIN.md §5: 50 + 90,000 × 2.5% + 50,000 × 2%
    ("200000", "4300.00"),  # 2,300 + 100,000 × 2%
    ("500000", "8800.00"),  # 4,300 + 300,000 × 1.5%
    ("1000000", "13800.00"),  # 8,800 + 500,000 × 1%
    ("2000000", "22800.00"),  # 13,800 + 1,000,000 × 0.9%
    ("5000000", "46800.00"),  # 22,800 + 3,000,000 × 0.8%
    ("10000000", "81800.00"),  # 46,800 + 5,000,000 × 0.7%
    ("20000000", "141800.00"),  # 81,800 + 10,000,000 × 0.6%
    ("30000000", "191800.00"),  # 141,800 + 10,000,000 × 0.5%
    ("10000000000000", "50000041800.00"),  # the largest accepted: 141,800 + (10^13 − 2×10^7) × 0.5%
]


@pytest.mark.parametrize(("amount", "expected"), PROPERTY_CASES)
def test_property_cases_by_bracket(db, amount, expected):
    assert fee("property", amount=D(amount)) == D(expected)


@pytest.mark.parametrize(
    ("kind", "inputs", "expected"),
    [
        # art. 13(2)1: province amount (lower bound 50) + 0.5% of the property above 200,000
        ("divorce", {}, "50.00"),
        ("divorce", {"property_amount": D("200000")}, "50.00"),
        ("divorce", {"property_amount": D("300000")}, "550.00"),  # 50 + 100,000 × 0.5%
        ("divorce", {"property_amount": D("1000000")}, "4050.00"),  # 50 + 800,000 × 0.5%
        # art. 13(2)2: province amount (100) + 1% of damages 50,000–100,000 + 0.5% above 100,000
        ("personality", {}, "100.00"),
        ("personality", {"damages": D("50000")}, "100.00"),
        ("personality", {"damages": D("80000")}, "400.00"),  # 100 + 30,000 × 1%
        ("personality", {"damages": D("100000")}, "600.00"),  # 100 + 50,000 × 1%
        ("personality", {"damages": D("300000")}, "1600.00"),  # 600 + 200,000 × 0.5%
        ("non_property", {}, "50.00"),  # art. 13(2)3
        ("ip", {}, "500.00"),  # art. 13(3), no amount: province amount
        ("ip", {"amount": D("150000")}, "3300.00"),  # with an amount: the property scale
        ("labour", {}, "10.00"),  # art. 13(4)
        ("admin_special", {}, "100.00"),  # art. 13(5)1
        ("admin_other", {}, "50.00"),  # art. 13(5)2
        # art. 14(1): province amount without an amount; 50 up to 10,000, then 1.5% · 1% · 0.5% · 0.1%
        ("enforcement", {}, "50.00"),
        ("enforcement", {"amount": D("10000")}, "50.00"),
        ("enforcement", {"amount": D("100000")}, "1400.00"),  # 50 + 90,000 × 1.5%
        ("enforcement", {"amount": D("500000")}, "7400.00"),  # 50 + 490,000 × 1.5%
        ("enforcement", {"amount": D("1000000")}, "12400.00"),  # 7,400 + 500,000 × 1%
        ("enforcement", {"amount": D("5000000")}, "52400.00"),  # 7,400 + 4,500,000 × 1%
        ("enforcement", {"amount": D("10000000")}, "77400.00"),  # 52,400 + 5,000,000 × 0.5%
        ("enforcement", {"amount": D("20000000")}, "87400.00"),  # 77,400 + 10,000,000 × 0.1%
        # art. 14(2): 30 up to 1,000 or without an amount; 1% to 100,000; 0.5% above; never above 5,000
        ("preservation", {}, "30.00"),
        ("preservation", {"amount": D("1000")}, "30.00"),
        ("preservation", {"amount": D("50000")}, "520.00"),  # 30 + 49,000 × 1%
        ("preservation", {"amount": D("100000")}, "1020.00"),  # 30 + 99,000 × 1%
        ("preservation", {"amount": D("500000")}, "3020.00"),  # 1,020 + 400,000 × 0.5%
        ("preservation", {"amount": D("896000")}, "5000.00"),  # 1,020 + 796,000 × 0.5%: exactly the cap
        ("preservation", {"amount": D("2000000")}, "5000.00"),  # 10,520 before the cap
        # art. 14(3): a third of the property-case fee
        ("payment_order", {"amount": D("150000")}, "1100.00"),  # 3,300 / 3
        ("payment_order", {"amount": D("100000")}, "766.67"),  # 2,300 / 3 = 766.666…
        ("payment_order", {"amount": D("10000")}, "16.67"),  # 50 / 3 = 16.666…
        ("public_summons", {}, "100.00"),  # art. 14(4)
        ("arbitration", {}, "400.00"),  # art. 14(5)
        # art. 14(6): half the property-case fee, at most 300,000
        ("bankruptcy", {"amount": D("150000")}, "1650.00"),  # 3,300 / 2
        ("bankruptcy", {"amount": D("20000000")}, "70900.00"),  # 141,800 / 2
        ("bankruptcy", {"amount": D("100000000")}, "270900.00"),  # (141,800 + 80,000,000 × 0.5%) / 2
        ("bankruptcy", {"amount": D("111640000")}, "300000.00"),  # (141,800 + 91,640,000 × 0.5%) / 2
        ("bankruptcy", {"amount": D("200000000")}, "300000.00"),  # 520,900 before the cap
    ],
)
def test_every_kind(db, kind, inputs, expected):
    assert fee(kind, **inputs) == D(expected)


def test_every_kind_is_in_the_table_above_and_labelled_in_chinese():
    assert list(FEE_KINDS) == [
        "property",
        "divorce",
        "personality",
        "non_property",
        "ip",
        "labour",
        "admin_special",
        "admin_other",
        "enforcement",
        "preservation",
        "payment_order",
        "public_summons",
        "arbitration",
        "bankruptcy",
    ]
    assert FEE_KINDS["property"] == "财产案件"


def test_the_worked_example_explains_itself(db):
    result = compute_fee("property", province=HENAN, amount=D("150000"))
    assert result.total == D("3300.00")
    assert [value for _, value in result.lines] == [D("50"), D("2250"), D("1000")]
    assert "2.5%" in result.lines[1][0] and "90,000.00" in result.lines[1][0]
    assert result.source == "《诉讼费用交纳办法》第十三条第（一）项"
    assert not result.paid_after and not result.no_advance and result.note == ""


@pytest.mark.parametrize(
    ("kind", "inputs"),
    [
        ("property", {"amount": D("10000.20")}),
        ("payment_order", {"amount": D("100000")}),
        ("bankruptcy", {"amount": D("200000000")}),
        ("preservation", {"amount": D("2000000")}),
        ("personality", {"damages": D("123456.78")}),
        ("property", {"amount": D("123456.78"), "simplified": True}),
    ],
)
def test_the_lines_add_up_to_the_total(db, kind, inputs):
    result = compute_fee(kind, province=HENAN, **inputs)
    assert sum(value for _, value in result.lines).quantize(D("0.01"), rounding=ROUND_HALF_UP) == result.total


def test_payment_is_after_enforcement_and_after_liquidation(db):
    enforcement = compute_fee("enforcement", province=HENAN, amount=D("100000"))
    assert enforcement.paid_after and enforcement.note == ENFORCEMENT_PAID_AFTER
    assert "第二十条" in enforcement.source
    assert compute_fee("enforcement", province=HENAN).paid_after
    bankruptcy = compute_fee("bankruptcy", province=HENAN, amount=D("1000000"))
    assert bankruptcy.paid_after and bankruptcy.note == BANKRUPTCY_PAID_AFTER
    assert not compute_fee("preservation", province=HENAN, amount=D("1000000")).paid_after


@pytest.mark.parametrize(("kind", "inputs"), [("property", {"amount": D("50000")}), ("labour", {})])
def test_a_wage_claim_is_charged_but_need_not_be_advanced(db, kind, inputs):
    result = compute_fee(kind, province=HENAN, wage_claim=True, **inputs)
    assert result.total == fee(kind, **inputs) > 0
    assert result.no_advance and not result.paid_after
    assert WAGE_CLAIM_NO_ADVANCE in result.note


# arts. 15, 16, 18: half the acceptance fee.
@pytest.mark.parametrize(
    ("kind", "inputs", "expected"),
    [
        ("property", {"amount": D("150000"), "simplified": True}, "1650.00"),
        ("property", {"amount": D("150000"), "mediated_or_withdrawn": True}, "1650.00"),
        ("property", {"amount": D("150000"), "counterclaim": True}, "1650.00"),
        ("property", {"amount": D("10000.01"), "simplified": True}, "25.00"),  # 50.00025 / 2
        ("property", {"amount": D("100000.50"), "simplified": True}, "1150.01"),  # 2,300.01 / 2 = 1,150.005
        ("divorce", {"property_amount": D("300000"), "simplified": True}, "275.00"),  # 550 / 2
        ("labour", {"simplified": True}, "5.00"),
        ("admin_other", {"simplified": True}, "25.00"),
    ],
)
def test_halving(db, kind, inputs, expected):
    assert fee(kind, **inputs) == D(expected)


def test_two_grounds_halve_once_by_default(db):
    result = compute_fee(
        "property", province=HENAN, amount=D("150000"), simplified=True, mediated_or_withdrawn=True
    )
    assert result.total == D("1650.00")
    assert HALVED_ONCE in result.note
    assert "第十六条" in result.source and "第十五条" in result.source


def test_the_halve_twice_setting_is_read_at_call_time(db, settings):
    settings.COURTHALL_FEE_HALVE_TWICE = True
    assert fee("property", amount=D("150000"), simplified=True, mediated_or_withdrawn=True) == D("825.00")
    assert fee("property", amount=D("150000"), simplified=True) == D("1650.00")  # one ground: once
    settings.COURTHALL_FEE_HALVE_TWICE = False
    assert fee("property", amount=D("150000"), simplified=True, mediated_or_withdrawn=True) == D("1650.00")


@pytest.mark.parametrize(
    ("kind", "field", "schedule_value", "inputs", "expected"),
    [
        ("divorce", "divorce", "300", {}, "300.00"),
        ("divorce", "divorce", "300", {"property_amount": D("300000")}, "800.00"),  # 300 + 100,000 × 0.5%
        ("personality", "personality_rights", "500", {"damages": D("80000")}, "800.00"),  # 500 + 300
        ("non_property", "other_non_property", "100", {}, "100.00"),
        ("ip", "ip_without_amount", "1000", {}, "1000.00"),
        ("ip", "ip_without_amount", "1000", {"amount": D("150000")}, "3300.00"),  # the scale, not the table
        ("enforcement", "enforcement_without_amount", "500", {}, "500.00"),
        ("enforcement", "enforcement_without_amount", "500", {"amount": D("100000")}, "1400.00"),
    ],
)
def test_province_amounts_come_from_the_fee_schedule(db, kind, field, schedule_value, inputs, expected):
    FeeSchedule.objects.create(province="鲁", **{field: D(schedule_value)})
    assert fee(kind, province="鲁", **inputs) == D(expected)


def test_a_changed_row_changes_the_next_result(db):
    schedule = FeeSchedule.objects.create(province=HENAN)
    assert fee("divorce") == D("50.00")
    schedule.divorce = D("200")
    schedule.save()
    assert fee("divorce") == D("200.00")


def test_a_province_without_a_row_pays_the_lower_bounds_and_none_is_written(db):
    assert fee("divorce", province="京") == D("50.00")
    assert fee("enforcement", province="京") == D("50.00")
    assert jurisdiction_objection_fee(province="京").total == D("50.00")
    assert not FeeSchedule.objects.exists()


def test_jurisdiction_objection_fee_is_the_provinces(db):
    FeeSchedule.objects.create(province="鲁", jurisdiction_objection=D("100"))
    result = jurisdiction_objection_fee(province="鲁")
    assert result.total == D("100.00")
    assert result.source == "《诉讼费用交纳办法》第十三条第（六）项"


def test_fixed_fees_do_not_read_the_table(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        fee("property", amount=D("150000"))
        fee("labour")
        fee("bankruptcy", amount=D("150000"))
    with django_assert_num_queries(1):
        fee("divorce")


@pytest.mark.parametrize(
    ("kind", "inputs", "message"),
    [
        ("property", {"amount": D("-1")}, NEGATIVE_AMOUNT.format(field="诉讼请求金额")),
        ("preservation", {"amount": -1}, NEGATIVE_AMOUNT.format(field="保全财产数额")),
        ("divorce", {"property_amount": D("-0.01")}, NEGATIVE_AMOUNT.format(field="分割财产总额")),
        ("personality", {"damages": D("-5")}, NEGATIVE_AMOUNT.format(field="损害赔偿金额")),
        ("property", {"amount": "十五万"}, NOT_A_NUMBER.format(field="诉讼请求金额")),
        ("property", {"amount": D("NaN")}, NOT_A_NUMBER.format(field="诉讼请求金额")),
        ("property", {"amount": D("Infinity")}, NOT_A_NUMBER.format(field="诉讼请求金额")),
        ("property", {"amount": 150000.0}, NOT_A_NUMBER.format(field="诉讼请求金额")),  # no floats for money
        ("property", {"amount": True}, NOT_A_NUMBER.format(field="诉讼请求金额")),
        ("property", {"amount": D("10000000000000.01")}, AMOUNT_TOO_LARGE.format(field="诉讼请求金额")),
        ("enforcement", {"amount": D("1E14")}, AMOUNT_TOO_LARGE.format(field="执行金额")),
        ("property", {}, AMOUNT_REQUIRED.format(kind="财产案件", field="诉讼请求金额")),
        ("payment_order", {}, AMOUNT_REQUIRED.format(kind="申请支付令", field="请求给付金额")),
        ("bankruptcy", {}, AMOUNT_REQUIRED.format(kind="破产案件", field="破产财产总额")),
        (
            "enforcement",
            {"damages": D("5000")},
            AMOUNT_NOT_USED.format(kind="申请执行", field="损害赔偿金额"),
        ),
        ("labour", {"amount": D("-1")}, NEGATIVE_AMOUNT.format(field="金额")),
        ("divorce", {"amount": D("5000")}, AMOUNT_NOT_USED.format(kind="离婚案件", field="金额")),
        (
            "property",
            {"damages": D("5000"), "amount": D("1")},
            AMOUNT_NOT_USED.format(kind="财产案件", field="损害赔偿金额"),
        ),
        ("enforcement", {"simplified": True}, NO_HALVING.format(kind="申请执行")),
        ("preservation", {"mediated_or_withdrawn": True}, NO_HALVING.format(kind="申请保全")),
        ("divorce", {"wage_claim": True}, WAGE_CLAIM_KIND),
        ("wages", {}, UNKNOWN_KIND.format(kind="wages")),
        ("", {}, UNKNOWN_KIND.format(kind="")),
    ],
)
def test_bad_input_is_refused_in_chinese(db, kind, inputs, message):
    with pytest.raises(ValueError) as refused:
        compute_fee(kind, province=HENAN, **inputs)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("labour", "10.00"), ("non_property", "50.00"), ("admin_other", "50.00"), ("public_summons", "100.00")],
)
def test_a_fee_per_case_ignores_the_amount_a_filing_records(db, kind, expected):
    # Filing registration passes the filing's amount whatever the kind (wage claims, lost bills …).
    result = compute_fee(kind, province=HENAN, amount=D("50000"), property_amount=D("1"), damages=D("1"))
    assert result.total == D(expected)
    assert result.note == AMOUNT_IGNORED.format(kind=FEE_KINDS[kind])


def test_an_unknown_province_is_refused(db):
    with pytest.raises(FeeInputError, match=UNKNOWN_PROVINCE.format(province="XX")) as refused:
        compute_fee("labour", province="XX")
    assert refused.value.field == "province"


def test_amounts_may_be_given_as_integers_or_text(db):
    assert fee("property", amount=150000) == fee("property", amount=" 150000.00 ") == D("3300.00")


@pytest.mark.parametrize(
    ("code", "has_amount", "kind"),
    [
        ("民初", True, "property"),
        ("民初", False, "non_property"),
        ("民撤", False, "non_property"),
        ("民特", True, None),  # art. 8(1): special procedure
        ("诉前调确", False, None),
        ("民督", True, "payment_order"),
        ("民催", False, "public_summons"),
        ("财保", True, "preservation"),
        ("执", True, "enforcement"),
        ("执恢", False, "enforcement"),
        ("行初", False, "admin_other"),
        ("刑初", False, None),  # private prosecution: the Measures charge no criminal case
        ("民诉前调", True, None),
        ("司救民", False, None),
        ("执异", True, None),
    ],
)
def test_fee_kind_for_case_type(code, has_amount, kind):
    assert fee_kind_for_case_type(code, has_amount=has_amount) == kind


def test_every_case_type_of_the_catalogue_has_an_answer():
    data = json.loads((FIXTURES_DIR / "case_types.json").read_text(encoding="utf-8"))
    for row in data["rows"]:
        for has_amount in (True, False):
            assert fee_kind_for_case_type(row["code"], has_amount=has_amount) in (None, *FEE_KINDS)


def test_format_yuan():
    assert format_yuan(D("3300")) == "3,300.00"
    assert format_yuan(D("50.005")) == "50.01"
    assert format_yuan(D("1234567.891")) == "1,234,567.89"


# The admin's form: each province amount inside the range the Measures allow.
LOWER_BOUNDS = {
    "divorce": "50",
    "personality_rights": "100",
    "other_non_property": "50",
    "ip_without_amount": "500",
    "jurisdiction_objection": "50",
    "enforcement_without_amount": "50",
}
UPPER_BOUNDS = {
    "divorce": "300",
    "personality_rights": "500",
    "other_non_property": "100",
    "ip_without_amount": "1000",
    "jurisdiction_objection": "100",
    "enforcement_without_amount": "500",
}


@pytest.mark.parametrize("bounds", [LOWER_BOUNDS, UPPER_BOUNDS])
def test_schedule_form_accepts_both_ends_of_every_range(db, bounds):
    assert FeeScheduleForm({"province": HENAN, **bounds}).is_valid()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "divorce",
            "49.99",
            OUT_OF_RANGE.format(
                label="离婚案件", low=50, high=300, act="《诉讼费用交纳办法》", article="第十三条第（二）项"
            ),
        ),
        (
            "divorce",
            "300.01",
            OUT_OF_RANGE.format(
                label="离婚案件", low=50, high=300, act="《诉讼费用交纳办法》", article="第十三条第（二）项"
            ),
        ),
        (
            "personality_rights",
            "600",
            OUT_OF_RANGE.format(
                label="侵害人格权案件",
                low=100,
                high=500,
                act="《诉讼费用交纳办法》",
                article="第十三条第（二）项",
            ),
        ),
        (
            "other_non_property",
            "101",
            OUT_OF_RANGE.format(
                label="其他非财产案件",
                low=50,
                high=100,
                act="《诉讼费用交纳办法》",
                article="第十三条第（二）项",
            ),
        ),
        (
            "ip_without_amount",
            "100",
            OUT_OF_RANGE.format(
                label="知识产权案件·无争议金额",
                low=500,
                high=1000,
                act="《诉讼费用交纳办法》",
                article="第十三条第（三）项",
            ),
        ),
        (
            "jurisdiction_objection",
            "0",
            OUT_OF_RANGE.format(
                label="管辖权异议不成立",
                low=50,
                high=100,
                act="《诉讼费用交纳办法》",
                article="第十三条第（六）项",
            ),
        ),
        (
            "enforcement_without_amount",
            "501",
            OUT_OF_RANGE.format(
                label="申请执行·无执行金额",
                low=50,
                high=500,
                act="《诉讼费用交纳办法》",
                article="第十四条第（一）项",
            ),
        ),
    ],
)
def test_schedule_form_refuses_amounts_outside_the_range(db, field, value, message):
    form = FeeScheduleForm({"province": HENAN, **LOWER_BOUNDS, field: value})
    assert not form.is_valid()
    assert form.errors == {field: [message]}


def test_fixture_rows_are_the_lower_bounds_and_valid(db):
    assert load_fixture_file(FIXTURES_DIR / "fee_schedules.json") == 2
    for schedule in FeeSchedule.objects.all():
        assert schedule.province in ("豫", "鲁")
        values = {name: str(getattr(schedule, name)) for name in LOWER_BOUNDS}
        assert {name: D(value) for name, value in values.items()} == {
            k: D(v) for k, v in LOWER_BOUNDS.items()
        }
        assert FeeScheduleForm({"province": schedule.province, **values}, instance=schedule).is_valid()
    assert load_fixture_file(FIXTURES_DIR / "fee_schedules.json") == 0  # a second load adds nothing


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("150000", D("150000")),
        ("150,000", D("150000")),
        ("１５００００", D("150000")),
        ("150000元", D("150000")),
        (" 15万 ", D("150000")),
        ("1.5万", D("15000")),
        ("", None),
    ],
)
def test_calculator_form_reads_amounts_as_people_type_them(typed, amount):
    form = FeeCalculatorForm({"kind": "property", "province": HENAN, "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount


@pytest.mark.parametrize("typed", ["abc", "十五万", "1e", "NaN", "Infinity", "万"])
def test_calculator_form_refuses_what_is_not_a_number(typed):
    form = FeeCalculatorForm({"kind": "property", "province": HENAN, "amount": typed})
    assert form.errors == {"amount": [NOT_A_NUMBER.format(field="金额")]}
