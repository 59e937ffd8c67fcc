"""Identity numbers a party gives at the counter or on the portal: check them before anything is filed.

Each `validate_*` function raises `ValidationError` naming what is wrong, and returns the number in the
form to store (stripped, upper-case, separators removed). Used as a model or form field validator, its
return value is dropped: call it in the form's `clean_<field>` as well, and store what it returns.

Input is folded from full width first: a clerk whose input method is in full-width mode types "１３８…"
and "ｘ", which are the same number.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

REQUIRED = "请填写%(label)s。"
NOT_TEXT = "%(label)s应当作为文字填写，不能是数字或其他类型的值。"

RESIDENT_ID_LABEL = "身份证号码"
RESIDENT_ID_LENGTH = "身份证号码应为 18 位，您填写了 %(count)d 位。"
RESIDENT_ID_CHARACTER = (
    "身份证号码第 %(position)d 位「%(character)s」无效：前 17 位只能是数字，最后一位是数字或 X。"
)
RESIDENT_ID_AREA = "身份证号码前两位「%(province)s」不是有效的省级行政区划代码，请核对。"
RESIDENT_ID_BIRTH_DATE_INVALID = "身份证号码第 7 至 14 位的出生日期「%(digits)s」不是真实存在的日期，请核对。"
RESIDENT_ID_BIRTH_DATE_TOO_EARLY = "身份证号码中的出生日期 %(birth_date)s 早于 1900 年，请核对。"
RESIDENT_ID_BIRTH_DATE_FUTURE = "身份证号码中的出生日期 %(birth_date)s 晚于今天，请核对。"
RESIDENT_ID_CHECK = "身份证号码的校验码不符，号码中有输错的字符，请逐位核对。"

USCC_LABEL = "统一社会信用代码"
USCC_LENGTH = "统一社会信用代码应为 18 位，您填写了 %(count)d 位。"
USCC_CHARACTER = (
    "统一社会信用代码第 %(position)d 位「%(character)s」无效：只能是数字和英文字母，且不使用 I、O、Z、S、V。"
)
USCC_CHECK = "统一社会信用代码的校验码不符，代码中有输错的字符，请逐位核对。"

MOBILE_LABEL = "手机号码"
MOBILE_CHARACTER = "手机号码只能填写数字（可用空格或短横线分隔），「%(character)s」无效。"
MOBILE_FOREIGN = "只能填写中国大陆手机号码（+86）。"
MOBILE_LENGTH = "手机号码应为 11 位数字，您填写了 %(count)d 位。"
MOBILE_PREFIX = "「%(number)s」不是手机号码：手机号码以 13 至 19 开头。"

PHONE_LABEL = "电话号码"
PHONE_INVALID = "电话号码“%(number)s”格式不正确：手机号码为 11 位数字，固定电话须带区号，如 0375-8188000。"

MALE = "男"
FEMALE = "女"

DIGITS = "0123456789"

# Province-level codes of GB/T 2260 (行政区划代码): 11-15 北京…内蒙古, 21-23 辽宁…黑龙江, 31-37 上海…山东,
# 41-46 河南…海南, 50-54 重庆…西藏, 61-65 陕西…新疆, 71 台湾. 81/82/83 begin the numbers on 港澳台居民居住证
# (港澳台居民居住证申领发放办法, 国办发〔2018〕81号: 810000 香港, 820000 澳门, 830000 台湾).
RESIDENT_ID_PROVINCES = frozenset(
    str(code)
    for code in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
    )
) | {"71", "81", "82", "83"}
# GB 11643-1999, 校验码: ISO 7064:1983 MOD 11-2 over the first 17 digits; the remainder picks the character.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARACTERS = "10X98765432"
RESIDENT_ID_EARLIEST_BIRTH_DATE = date(1900, 1, 1)

# GB 32100-2015: the code characters leave out I, O, Z, S, V (easily misread as 1, 0, 2, 5, U); the check
# character uses weights 3^(i-1) mod 31, check = 31 - (weighted sum mod 31), and MOD(31, 31) = 0.
USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# A mainland mobile number is 11 digits, 1 then 3-9; a clerk may copy it with the country code.
MOBILE_NUMBER = re.compile(r"1[3-9][0-9]{9}")
MOBILE_SEPARATORS = re.compile(r"[\s\-]")
# A landline with its area code (0375-8188000, 010 12345678), optionally an extension.
LANDLINE_NUMBER = re.compile(r"0\d{2,3}[-\s]?\d{7,8}(-\d{1,6})?")

# Full-width ASCII (U+FF01-FF5E) is ASCII shifted by 0xFEE0; U+3000 is the ideographic space.
FULL_WIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def validate_resident_id(value) -> str:
    """Check an 18-character 居民身份证号 (GB 11643-1999); return it stripped, with a capital X."""
    text = _text(value, RESIDENT_ID_LABEL)
    if len(text) != 18:
        raise ValidationError(RESIDENT_ID_LENGTH, code="length", params={"count": len(text)})
    number = text.upper()
    for position, character in enumerate(number):
        if character not in DIGITS and not (position == 17 and character == "X"):
            raise ValidationError(
                RESIDENT_ID_CHARACTER,
                code="character",
                params={"position": position + 1, "character": _shown(text[position])},
            )
    if number[:2] not in RESIDENT_ID_PROVINCES:
        raise ValidationError(RESIDENT_ID_AREA, code="area", params={"province": number[:2]})
    digits = number[6:14]
    try:
        birth_date = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise ValidationError(
            RESIDENT_ID_BIRTH_DATE_INVALID, code="birth_date", params={"digits": digits}
        ) from None
    if birth_date < RESIDENT_ID_EARLIEST_BIRTH_DATE:
        raise ValidationError(
            RESIDENT_ID_BIRTH_DATE_TOO_EARLY,
            code="birth_date_too_early",
            params={"birth_date": _chinese_date(birth_date)},
        )
    if birth_date > timezone.localdate():
        raise ValidationError(
            RESIDENT_ID_BIRTH_DATE_FUTURE,
            code="birth_date_future",
            params={"birth_date": _chinese_date(birth_date)},
        )
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], RESIDENT_ID_WEIGHTS, strict=True))
    # The expected character is not shown: it would let a typo elsewhere be "fixed" at the end.
    if number[17] != RESIDENT_ID_CHECK_CHARACTERS[total % 11]:
        raise ValidationError(RESIDENT_ID_CHECK, code="check")
    return number


def sex_from_resident_id(value) -> str:
    """ "男" or "女" from the sequence code (GB 11643-1999: odd for men); validates the number first."""
    return MALE if int(validate_resident_id(value)[16]) % 2 else FEMALE


def birth_date_from_resident_id(value) -> date:
    """The birth date in digits 7-14 (GB 11643-1999 出生日期码); validates the number first."""
    number = validate_resident_id(value)
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def validate_uscc(value) -> str:
    """Check an 18-character 统一社会信用代码 (GB 32100-2015); return it stripped and upper-case.

    Only the character set and the check character are checked: the registration authority and area
    codes have more values in use than the standard lists, and a wrong refusal stops a filing.
    """
    text = _text(value, USCC_LABEL)
    if len(text) != 18:
        raise ValidationError(USCC_LENGTH, code="length", params={"count": len(text)})
    code = text.upper()
    for position, character in enumerate(code):
        if character not in USCC_CHARACTERS:
            raise ValidationError(
                USCC_CHARACTER,
                code="character",
                params={"position": position + 1, "character": _shown(text[position])},
            )
    total = sum(
        USCC_CHARACTERS.index(character) * weight
        for character, weight in zip(code[:17], USCC_WEIGHTS, strict=True)
    )
    if code[17] != USCC_CHARACTERS[(31 - total % 31) % 31]:
        raise ValidationError(USCC_CHECK, code="check")
    return code


def validate_mobile(value) -> str:
    """Check a mainland mobile number; return its 11 digits.

    Accepts what a clerk copies from a form or a business card: spaces and hyphens between the digits
    ("138 0013 8000", "138-0013-8000") and a +86, 0086 or 86 country code in front.
    """
    text = MOBILE_SEPARATORS.sub("", _text(value, MOBILE_LABEL))
    for position, character in enumerate(text):
        if character not in DIGITS and not (position == 0 and character == "+"):
            raise ValidationError(MOBILE_CHARACTER, code="character", params={"character": _shown(character)})
    if text.startswith("+86"):
        digits = text[3:]
    elif text.startswith("0086"):
        digits = text[4:]
    elif text.startswith(("+", "00")):
        raise ValidationError(MOBILE_FOREIGN, code="foreign")
    elif len(text) == 13 and text.startswith("86"):
        digits = text[2:]
    else:
        digits = text
    if len(digits) != 11:
        raise ValidationError(MOBILE_LENGTH, code="length", params={"count": len(digits)})
    if not MOBILE_NUMBER.fullmatch(digits):
        raise ValidationError(MOBILE_PREFIX, code="prefix", params={"number": digits})
    return digits


def validate_phone(value) -> str:
    """A number a person may be called back on: a mainland mobile (returned as its 11 digits) or a
    landline with its area code (returned as written, stripped)."""
    text = _text(value, PHONE_LABEL)
    if text.startswith(("1", "+86")):
        return validate_mobile(text)
    if not LANDLINE_NUMBER.fullmatch(text):
        raise ValidationError(PHONE_INVALID, code="phone", params={"number": text})
    return text


def _text(value, label: str) -> str:
    """The typed value as stripped half-width text; refuses None, blanks and non-strings (an int from a
    spreadsheet has already lost a leading zero or the final X)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(REQUIRED, code="required", params={"label": label})
    if not isinstance(value, str):
        raise ValidationError(NOT_TEXT, code="invalid_type", params={"label": label})
    return value.translate(FULL_WIDTH_TO_ASCII).strip()


def _shown(character: str) -> str:
    """A character as the message can show it: a space or an invisible character would read as nothing."""
    if character.isspace():
        return "空格"
    return character if character.isprintable() else "不可见字符"


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- Markup in free text ---------------------------------------------------------------------------------

MARKUP = "“%(label)s”中不能含有网页代码或脚本（如“<%(tag)s”）：请只填写文字；如需写小于号，请用全角“＜”。"
MARKUP_TAG = re.compile(r"<([A-Za-z/!?])")


def validate_no_markup(value, label: str = "填写的内容") -> str:
    """Refuse HTML or script in a text a party typed: `<` followed by a letter, `/`, `!` or `?`.

    Pages escape what they show, but a filing's text also goes into PDFs, exports and other systems that
    may not; "甲方<乙方" and "金额<5万元" stay allowed. Returns the value unchanged.
    """
    if isinstance(value, str) and (match := MARKUP_TAG.search(value)):
        raise ValidationError(MARKUP, code="markup", params={"label": label, "tag": match.group(1)})
    return value
