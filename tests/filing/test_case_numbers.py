import threading

import pytest
from django.db import connection, transaction

from filing.models import CaseNumberCounter
from filing.services.case_numbers import (
    INVALID_CASE_NUMBER,
    case_number_allocate,
    case_number_format,
    case_number_normalize,
)
from tests.factories import CourtFactory


def test_format_is_the_official_one():
    assert (
        case_number_format(year=2026, court_code="豫0481", type_code="民初", number=123)
        == "（2026）豫0481民初123号"
    )


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("(2026)豫0481民初123号", "（2026）豫0481民初123号"),
        ("（2026）豫0481民初123号", "（2026）豫0481民初123号"),
        (" ( 2026 ) 鲁0117执恢 7号 ", "（2026）鲁0117执恢7号"),
    ],
)
def test_typed_case_numbers_are_printed_full_width(typed, printed):
    assert case_number_normalize(typed) == printed


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "2026豫0481民初123号",
        "（2026）豫0481民初0123号",
        "（2026）豫0481民初字第123号x",
        "（2026）豫0481民初字第123号",  # DOMAIN §2: no 字第 (pre-2016 style)
    ],
)
def test_what_is_not_a_case_number_is_refused(typed):
    with pytest.raises(ValueError, match=INVALID_CASE_NUMBER):
        case_number_normalize(typed)


def test_numbers_run_per_court_year_and_type(db):
    wugang, gangcheng = CourtFactory(code="豫0481"), CourtFactory(code="鲁0117")
    with transaction.atomic():
        assert case_number_allocate(court=wugang, year=2026, type_code="民初")[1] == "（2026）豫0481民初1号"
        assert case_number_allocate(court=wugang, year=2026, type_code="民初")[1] == "（2026）豫0481民初2号"
        assert case_number_allocate(court=wugang, year=2026, type_code="执")[1] == "（2026）豫0481执1号"
        assert case_number_allocate(court=wugang, year=2027, type_code="民初")[1] == "（2027）豫0481民初1号"
        assert (
            case_number_allocate(court=gangcheng, year=2026, type_code="民初")[1] == "（2026）鲁0117民初1号"
        )


def test_a_rolled_back_registration_gives_its_number_back(db):
    court = CourtFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        case_number_allocate(court=court, year=2026, type_code="民初")
        raise RuntimeError("registration failed after the number was drawn")
    with transaction.atomic():
        assert case_number_allocate(court=court, year=2026, type_code="民初")[0] == 1


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_a_programming_error():
    court = CourtFactory()
    with pytest.raises(RuntimeError):
        case_number_allocate(court=court, year=2026, type_code="民初")
    assert not CaseNumberCounter.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_numbers_without_gaps():
    court = CourtFactory()
    workers, per_worker = 8, 4
    numbers: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def register_some():
        try:
            start.wait()
            for _ in range(per_worker):
                with transaction.atomic():
                    numbers.append(case_number_allocate(court=court, year=2026, type_code="民初")[0])
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_some) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(numbers) == list(range(1, workers * per_worker + 1))
    assert CaseNumberCounter.objects.get(court=court).last_number == workers * per_worker
