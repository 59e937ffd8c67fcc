"""Identity numbers: every valid number below had its check character computed by hand-written code
independent of courthall.validators, and 91350100M000100Y43 is the worked example of GB 32100-2015."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.exceptions import ValidationError

from courthall.validators import (
    FEMALE,
    MALE,
    MOBILE_CHARACTER,
    MOBILE_FOREIGN,
    MOBILE_LABEL,
    MOBILE_LENGTH,
    MOBILE_PREFIX,
    NOT_TEXT,
    REQUIRED,
    RESIDENT_ID_AREA,
    RESIDENT_ID_BIRTH_DATE_FUTURE,
    RESIDENT_ID_BIRTH_DATE_INVALID,
    RESIDENT_ID_BIRTH_DATE_TOO_EARLY,
    RESIDENT_ID_CHARACTER,
    RESIDENT_ID_CHECK,
    RESIDENT_ID_LABEL,
    RESIDENT_ID_LENGTH,
    USCC_CHARACTER,
    USCC_CHECK,
    USCC_LABEL,
    USCC_LENGTH,
    birth_date_from_resident_id,
    sex_from_resident_id,
    validate_mobile,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)

# 04:30 on 15 June in Beijing is still 14 June in UTC: "today" must be the court's day, not the server's.
NOW = datetime(2025, 6, 15, 4, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("11010519491231002X", "11010519491231002X"),  # the sample in GB 11643-1999
        ("11010519491231002x", "11010519491231002X"),
        ("  44030519900101123x  ", "44030519900101123X"),
        ("\u300011010519491231002X\t", "11010519491231002X"),  # ideographic space from a Chinese IME
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),  # typed in full-width mode
        ("310115198511202464", "310115198511202464"),
        ("510107200002290010", "510107200002290010"),  # 29 February of a leap year
        ("440106198808080181", "440106198808080181"),  # remainder 0 → check character 1
        ("650102190012310030", "650102190012310030"),  # born in 1900
        ("810000199506150041", "810000199506150041"),  # 港澳居民居住证
        ("110105202506150013", "110105202506150013"),  # born today
    ],
)
def test_validate_resident_id_accepts_and_normalises(typed, stored):
    assert validate_resident_id(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message", "code", "params"),
    [
        ("11010519491231002", RESIDENT_ID_LENGTH, "length", {"count": 17}),
        ("11010519491231002XX", RESIDENT_ID_LENGTH, "length", {"count": 19}),
        ("110105194912310", RESIDENT_ID_LENGTH, "length", {"count": 15}),  # an old 15-digit number
        ("11010519491231O02X", RESIDENT_ID_CHARACTER, "character", {"position": 15, "character": "O"}),
        ("X1010519491231002X", RESIDENT_ID_CHARACTER, "character", {"position": 1, "character": "X"}),
        ("1101051949123100xX", RESIDENT_ID_CHARACTER, "character", {"position": 17, "character": "x"}),
        ("11010519491231002Y", RESIDENT_ID_CHARACTER, "character", {"position": 18, "character": "Y"}),
        ("1101051949 231002X", RESIDENT_ID_CHARACTER, "character", {"position": 11, "character": "空格"}),
        ("990105194912310021", RESIDENT_ID_AREA, "area", {"province": "99"}),
        ("160105194912310021", RESIDENT_ID_AREA, "area", {"province": "16"}),
        ("010105194912310021", RESIDENT_ID_AREA, "area", {"province": "01"}),
        ("110105199002300011", RESIDENT_ID_BIRTH_DATE_INVALID, "birth_date", {"digits": "19900230"}),
        ("110105199013010011", RESIDENT_ID_BIRTH_DATE_INVALID, "birth_date", {"digits": "19901301"}),
        ("110105199004000011", RESIDENT_ID_BIRTH_DATE_INVALID, "birth_date", {"digits": "19900400"}),
        (
            "110105190002290017",
            RESIDENT_ID_BIRTH_DATE_INVALID,
            "birth_date",
            {"digits": "19000229"},
        ),  # 1900 no leap
        (
            "110105189912310011",
            RESIDENT_ID_BIRTH_DATE_TOO_EARLY,
            "birth_date_too_early",
            {"birth_date": "1899年12月31日"},
        ),
        (
            "110105202506160019",
            RESIDENT_ID_BIRTH_DATE_FUTURE,
            "birth_date_future",
            {"birth_date": "2025年6月16日"},
        ),
        ("110105194912310021", RESIDENT_ID_CHECK, "check", None),  # X mistyped as 1
        ("11010519491231003X", RESIDENT_ID_CHECK, "check", None),  # a wrong sequence digit
        ("31011519851120246x", RESIDENT_ID_CHECK, "check", None),
        (None, REQUIRED, "required", {"label": RESIDENT_ID_LABEL}),
        ("", REQUIRED, "required", {"label": RESIDENT_ID_LABEL}),
        ("   ", REQUIRED, "required", {"label": RESIDENT_ID_LABEL}),
        (110105194912310021, NOT_TEXT, "invalid_type", {"label": RESIDENT_ID_LABEL}),
        (1.10105194912310e17, NOT_TEXT, "invalid_type", {"label": RESIDENT_ID_LABEL}),  # from a spreadsheet
        (b"11010519491231002X", NOT_TEXT, "invalid_type", {"label": RESIDENT_ID_LABEL}),
    ],
)
def test_validate_resident_id_says_what_is_wrong(typed, message, code, params):
    with pytest.raises(ValidationError) as raised:
        validate_resident_id(typed)

    assert raised.value.message == message
    assert raised.value.code == code
    assert raised.value.params == params
    assert raised.value.messages == [message % params if params else message]


def test_resident_id_messages_read_as_chinese_sentences():
    with pytest.raises(ValidationError) as raised:
        validate_resident_id("11010519491231002")

    assert raised.value.messages == ["身份证号码应为 18 位，您填写了 17 位。"]


def test_wrong_check_character_is_not_revealed():
    with pytest.raises(ValidationError) as raised:
        validate_resident_id("110105194912310021")

    assert "X" not in raised.value.messages[0]


def test_birth_date_in_the_future_follows_the_court_calendar(time_machine):
    time_machine.move_to(datetime(2025, 6, 15, 23, 59, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    with pytest.raises(ValidationError) as raised:
        validate_resident_id("110105202506160019")
    assert raised.value.code == "birth_date_future"

    time_machine.move_to(datetime(2025, 6, 16, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    assert validate_resident_id("110105202506160019") == "110105202506160019"


@pytest.mark.parametrize(
    ("number", "sex"),
    [
        ("11010519491231002X", FEMALE),  # sequence 002
        ("440106198808080181", FEMALE),  # sequence 018
        ("330106196807070315", MALE),  # sequence 031
        (" 650102190012310030 ", MALE),  # sequence 003
    ],
)
def test_sex_from_resident_id(number, sex):
    assert sex_from_resident_id(number) == sex


def test_sex_is_male_or_female_in_chinese():
    assert (MALE, FEMALE) == ("男", "女")


@pytest.mark.parametrize(
    ("number", "birth_date"),
    [
        ("11010519491231002x", date(1949, 12, 31)),
        ("510107200002290010", date(2000, 2, 29)),
        ("650102190012310030", date(1900, 12, 31)),
    ],
)
def test_birth_date_from_resident_id(number, birth_date):
    assert birth_date_from_resident_id(number) == birth_date


@pytest.mark.parametrize("derive", [sex_from_resident_id, birth_date_from_resident_id])
def test_derived_facts_refuse_an_invalid_number(derive):
    with pytest.raises(ValidationError) as raised:
        derive("110105199002300011")

    assert raised.value.message == RESIDENT_ID_BIRTH_DATE_INVALID


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("91350100M000100Y43", "91350100M000100Y43"),  # the worked example in GB 32100-2015
        ("  91350100m000100y43 ", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),
        ("91330106MA2C000250", "91330106MA2C000250"),  # weighted sum divisible by 31 → check 0
        ("12100000400000624D", "12100000400000624D"),
        ("31110000MD0166186T", "31110000MD0166186T"),
        ("52100000500018370X", "52100000500018370X"),
    ],
)
def test_validate_uscc_accepts_and_normalises(typed, stored):
    assert validate_uscc(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message", "code", "params"),
    [
        ("91350100M000100Y4", USCC_LENGTH, "length", {"count": 17}),
        ("91350100M000100Y433", USCC_LENGTH, "length", {"count": 19}),
        ("350100000123456", USCC_LENGTH, "length", {"count": 15}),  # an old business registration number
        ("91350100M000100Y4Z", USCC_CHARACTER, "character", {"position": 18, "character": "Z"}),
        ("91350100MO00100Y43", USCC_CHARACTER, "character", {"position": 10, "character": "O"}),
        ("91350100Mi00100Y43", USCC_CHARACTER, "character", {"position": 10, "character": "i"}),
        ("9135010SM000100Y43", USCC_CHARACTER, "character", {"position": 8, "character": "S"}),
        ("91350100M000-00Y43", USCC_CHARACTER, "character", {"position": 13, "character": "-"}),
        ("91350100 M00100Y43", USCC_CHARACTER, "character", {"position": 9, "character": "空格"}),
        ("91350100M000100Y44", USCC_CHECK, "check", None),
        ("91350100M000100Y34", USCC_CHECK, "check", None),  # two characters swapped
        ("91350100M000100Y40", USCC_CHECK, "check", None),
        (None, REQUIRED, "required", {"label": USCC_LABEL}),
        (" ", REQUIRED, "required", {"label": USCC_LABEL}),
        (913501000001004, NOT_TEXT, "invalid_type", {"label": USCC_LABEL}),
    ],
)
def test_validate_uscc_says_what_is_wrong(typed, message, code, params):
    with pytest.raises(ValidationError) as raised:
        validate_uscc(typed)

    assert raised.value.message == message
    assert raised.value.code == code
    assert raised.value.params == params
    assert raised.value.messages == [message % params if params else message]


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        " 13800138000 ",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "+86-13800138000",
        "0086 13800138000",
        "8613800138000",
        "１３８００１３８０００",
    ],
)
def test_validate_mobile_accepts_what_a_clerk_types(typed):
    assert validate_mobile(typed) == "13800138000"


@pytest.mark.parametrize(
    "number", ["13012345678", "14712345678", "15912345678", "16612345678", "19912345678"]
)
def test_validate_mobile_accepts_every_prefix_13_to_19(number):
    assert validate_mobile(number) == number


@pytest.mark.parametrize(
    ("typed", "message", "code", "params"),
    [
        ("1380013800", MOBILE_LENGTH, "length", {"count": 10}),
        ("138001380001", MOBILE_LENGTH, "length", {"count": 12}),
        ("+86 1380013800", MOBILE_LENGTH, "length", {"count": 10}),
        ("-", MOBILE_LENGTH, "length", {"count": 0}),
        ("12800138000", MOBILE_PREFIX, "prefix", {"number": "12800138000"}),
        ("010-8888 1234", MOBILE_PREFIX, "prefix", {"number": "01088881234"}),  # a Beijing landline
        ("138.0013.8000", MOBILE_CHARACTER, "character", {"character": "."}),
        ("138o0138000", MOBILE_CHARACTER, "character", {"character": "o"}),
        ("1380013800+", MOBILE_CHARACTER, "character", {"character": "+"}),
        ("(+86)13800138000", MOBILE_CHARACTER, "character", {"character": "("}),
        ("+1 415 555 2671", MOBILE_FOREIGN, "foreign", None),
        ("00852 9123 4567", MOBILE_FOREIGN, "foreign", None),
        (None, REQUIRED, "required", {"label": MOBILE_LABEL}),
        ("", REQUIRED, "required", {"label": MOBILE_LABEL}),
        (13800138000, NOT_TEXT, "invalid_type", {"label": MOBILE_LABEL}),
    ],
)
def test_validate_mobile_says_what_is_wrong(typed, message, code, params):
    with pytest.raises(ValidationError) as raised:
        validate_mobile(typed)

    assert raised.value.message == message
    assert raised.value.code == code
    assert raised.value.params == params
    assert raised.value.messages == [message % params if params else message]


@pytest.mark.parametrize(
    ("validator", "bad", "shown"),
    [
        (validate_resident_id, "110105194912310021", RESIDENT_ID_CHECK),
        (validate_uscc, "91350100M000100Y4", USCC_LENGTH % {"count": 17}),
        (validate_mobile, "12800138000", MOBILE_PREFIX % {"number": "12800138000"}),
    ],
)
def test_validators_work_as_form_field_validators(validator, bad, shown):
    field = forms.CharField(validators=[validator])

    with pytest.raises(ValidationError) as raised:
        field.clean(bad)

    assert raised.value.messages == [shown]


# --- Markup in free text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "</textarea>", "<!-- x -->", "<?php", "a<b>粗体</b>", "<img src=x>"]
)
def test_markup_is_refused_with_the_fields_label(text):
    from courthall.validators import validate_no_markup

    with pytest.raises(ValidationError, match="“事实和理由”中不能含有网页代码或脚本"):
        validate_no_markup(text, "事实和理由")


@pytest.mark.parametrize("text", ["金额<5万元", "a < b", "<<民法典>>", "", "甲方≤乙方"])
def test_a_less_than_sign_in_ordinary_text_is_allowed(text):
    from courthall.validators import validate_no_markup

    assert validate_no_markup(text) == text


# --- validate_phone (issue 6, part CALLS: a caller's or a callback's number) -------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("０３７５－８１８８０００", "0375-8188000"),
        ("010 12345678", "010 12345678"),
        ("0375-8188000-123", "0375-8188000-123"),
    ],
)
def test_validate_phone_accepts_mobiles_and_landlines_with_area_code(typed, stored):
    assert validate_phone(typed) == stored


@pytest.mark.parametrize("typed", ["8188000", "0375-81", "abc", "12345"])
def test_validate_phone_refuses_other_numbers(typed):
    with pytest.raises(ValidationError):
        validate_phone(typed)
