"""The kinds' registry: snapshot schemas, numbers, the court part of a snapshot."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from notices.kinds import KINDS, SNAPSHOT_NOT_AN_OBJECT, court_snapshot, format_number, parse_snapshot
from notices.models import NoticeKind
from notices.specimens import specimen_snapshot
from tests.factories import CourtFactory


def test_every_kind_has_a_spec_and_a_specimen_that_fits_it():
    assert set(KINDS) == set(NoticeKind.values)
    for kind in KINDS:
        parse_snapshot(kind, specimen_snapshot(kind))


def test_titles_and_templates():
    assert KINDS["refusal"].title == "不予受理裁定书"
    assert KINDS["refusal"].printed_title == "民事裁定书"
    assert KINDS["jurisdiction"].title == "不属本院管辖告知书"
    assert KINDS["return"].template_name == "notices/pdf/return.html"
    assert len({spec.number_code for spec in KINDS.values()}) == len(KINDS)


def test_dates_and_datetimes_reach_the_template_as_objects():
    parsed = parse_snapshot("receipt", specimen_snapshot("receipt"))
    assert parsed["issued_on"] == date(2026, 3, 5)
    assert parsed["received_at"] == datetime.fromisoformat("2026-03-05T09:32:00+08:00")
    assert parsed["received_at"].utcoffset() == timedelta(hours=8)
    assert parsed["materials"][0] == {"name": "民事起诉状", "copies": 2, "pages": 3, "original": True}


def test_missing_keys_are_all_named_in_one_error():
    snapshot = specimen_snapshot("receipt")
    del snapshot["submitter"]
    del snapshot["court"]["fee_account"]["bank"]
    del snapshot["materials"][1]["pages"]
    snapshot["clerk"]["name"] = None
    with pytest.raises(ValidationError) as raised:
        parse_snapshot("receipt", snapshot)
    (message,) = raised.value.messages
    assert message.startswith("文书数据缺少以下项目：")
    for path in ("submitter", "court.fee_account.bank", "materials[1].pages", "clerk.name"):
        assert path in message


@pytest.mark.parametrize(
    ("kind", "change", "named"),
    [
        ("receipt", {"received_at": "2026-03-05T09:32:00"}, "received_at（应为带时区的时间"),
        ("receipt", {"round": 0}, "round（应为正整数）"),
        ("receipt", {"round": True}, "round（应为正整数）"),
        ("receipt", {"materials": []}, "materials（至少 1 项）"),
        ("correction", {"deadline_on": "2026-02-30"}, "deadline_on（应为日期"),
        ("correction", {"deadline_on": "2026/03/12"}, "deadline_on（应为日期"),
        ("correction", {"follow_up": "no"}, "follow_up（应为true 或 false）"),
        ("correction", {"items": []}, "items（至少 1 项）"),
        ("acceptance", {"fee_total": "3300"}, "fee_total（应为金额文字"),
        ("acceptance", {"fee_total": 3300.0}, "fee_total（应为金额文字"),
        ("acceptance", {"plaintiffs": ["张某某", "  "]}, "plaintiffs[1]（应为非空文字）"),
        ("refusal", {"filers": "李某某"}, "filers（应为列表）"),
    ],
)
def test_malformed_values_are_named(kind, change, named):
    snapshot = {**specimen_snapshot(kind), **change}
    with pytest.raises(ValidationError) as raised:
        parse_snapshot(kind, snapshot)
    assert named in " ".join(raised.value.messages)


def test_optional_values_may_be_absent_or_null():
    receipt = specimen_snapshot("receipt")
    del receipt["note"]
    assert parse_snapshot("receipt", receipt)["note"] is None
    acceptance = {**specimen_snapshot("acceptance"), "fee_total": None}  # e.g. a wage claim
    assert parse_snapshot("acceptance", acceptance)["fee_total"] is None
    refusal = {**specimen_snapshot("refusal"), "case_number": None}
    assert parse_snapshot("refusal", refusal)["case_number"] is None


def test_fee_notice_needs_the_fee_account_and_a_ruling_the_appeal_court():
    fee = specimen_snapshot("fee")
    fee["court"]["fee_account"]["number"] = ""
    with pytest.raises(ValidationError, match=r"court\.fee_account\.number"):
        parse_snapshot("fee", fee)
    receipt = specimen_snapshot("receipt")
    receipt["court"]["fee_account"]["number"] = ""  # a receipt does not print it
    parse_snapshot("receipt", receipt)

    refusal = specimen_snapshot("refusal")
    refusal["court"]["appeal_court"] = ""
    with pytest.raises(ValidationError, match=r"court\.appeal_court"):
        parse_snapshot("refusal", refusal)


def test_a_snapshot_must_be_an_object_and_the_kind_must_exist():
    with pytest.raises(ValidationError) as raised:
        parse_snapshot("receipt", ["not", "an", "object"])
    assert raised.value.messages == [SNAPSHOT_NOT_AN_OBJECT]
    with pytest.raises(ValidationError, match="没有这种文书"):
        parse_snapshot("summons", {})


def test_number_format():
    assert format_number(court_code="豫0481", kind="receipt", year=2026, serial=12) == "豫0481收〔2026〕12号"
    assert format_number(court_code="鲁0117", kind="correction", year=2027, serial=1) == "鲁0117补〔2027〕1号"
    numbers = {format_number(court_code="豫0481", kind=kind, year=2026, serial=1) for kind in KINDS}
    assert len(numbers) == len(KINDS)
    assert not any("字第" in number or "（" in number for number in numbers)


@pytest.mark.django_db
def test_court_snapshot_is_what_the_schema_asks_for():
    court = CourtFactory(
        address="河南省舞钢市院岭路1号",
        appeal_court="平顶山市中级人民法院",
        hotline_phone="12368",
        fee_account_name="舞钢市人民法院",
        fee_account_bank="中国农业银行舞钢市支行",
        fee_account_number="16-6031",
    )
    snapshot = {**specimen_snapshot("fee"), "court": court_snapshot(court)}
    parsed = parse_snapshot("fee", snapshot)
    assert parsed["court"]["code"] == court.code
    assert parsed["court"]["phone"] == "12368"
    assert parsed["court"]["fee_account"]["number"] == "16-6031"
