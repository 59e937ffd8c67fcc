"""Case numbers (案号), 《最高人民法院关于人民法院案件案号的若干规定》 (DOMAIN.md §2)."""

import re

from django.db import transaction

from filing.models import CaseNumberCounter

# （收案年度）法院代字类型代字案件编号号: full-width brackets, Arabic digits, no leading zeros, no 字第.
_CASE_NUMBER = re.compile(r"^[（(]\s*(?P<year>\d{4})\s*[）)](?P<rest>\S*?[^\d\s])(?P<number>[1-9]\d*)号$")

INVALID_CASE_NUMBER = "案号格式不正确，应如“（2026）豫0481民初123号”。"


def case_number_format(*, year: int, court_code: str, type_code: str, number: int) -> str:
    return f"（{year}）{court_code}{type_code}{number}号"


def case_number_normalize(text: str) -> str:
    """A typed case number with half-width brackets or spaces, printed the one right way (full-width).

    Raises ValueError(INVALID_CASE_NUMBER) for anything that is not a case number.
    """
    match = _CASE_NUMBER.match("".join(str(text).split()))
    if match is None or "字第" in match["rest"]:
        raise ValueError(INVALID_CASE_NUMBER)
    return f"（{match['year']}）{match['rest']}{match['number']}号"


def case_number_allocate(*, court, year: int, type_code: str) -> tuple[int, str]:
    """The next number of (court, year, type code) and the case number it makes.

    Call inside the registration's transaction.atomic: the counter row stays locked (SELECT … FOR UPDATE)
    until that transaction ends, so concurrent registrations queue here and a rolled-back registration
    gives its number back: no duplicates, no gaps.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_number_allocate must run inside the registration's transaction")
    # get_or_create handles the race of two first registrations of a year (one insert wins, the other reads).
    CaseNumberCounter.objects.get_or_create(court=court, year=year, type_code=type_code)
    counter = CaseNumberCounter.objects.select_for_update().get(court=court, year=year, type_code=type_code)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, case_number_format(
        year=year, court_code=court.code, type_code=type_code, number=counter.last_number
    )
