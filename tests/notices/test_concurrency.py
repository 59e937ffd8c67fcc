"""Numbers under concurrency, on PostgreSQL: real transactions in threads, each with its own connection."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from notices import services
from notices.models import Notice, NoticeCounter
from notices.services import NOT_THE_LATEST_VERSION, notice_issue, notice_reissue

THREADS = 8


@pytest.fixture
def slow_render(monkeypatch):
    """Renders stand-in bytes after a pause, so that every transaction holds the counter lock a while."""

    def render(template_name, context):
        time.sleep(0.02)
        return f"%PDF-fake {context['document']['number']}".encode()

    monkeypatch.setattr(services, "render_pdf", render)


def run_at_once(work, count: int) -> tuple[list, list[Exception]]:
    """Run `work()` in `count` threads released together; their results and their exceptions."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def thread():
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(work())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=thread) for _ in range(count)]
    for started in threads:
        started.start()
    for started in threads:
        started.join(timeout=60)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_receipts_issued_at_once_get_distinct_numbers_without_gaps(court, clerk, snapshot_for, slow_render):
    assert connection.vendor == "postgresql", "SELECT … FOR UPDATE is what this test is about"

    def issue_receipt():
        return notice_issue(
            court=court,
            kind="receipt",
            subject="filing:1",
            addressee="张某某",
            snapshot=snapshot_for("receipt"),
            issued_by=clerk,
        ).number

    numbers, errors = run_at_once(issue_receipt, THREADS)

    assert errors == []
    serials = sorted(int(number.split("〕")[1].removesuffix("号")) for number in numbers)
    assert serials == list(range(1, THREADS + 1))
    assert Notice.objects.count() == THREADS
    assert NoticeCounter.objects.get(court=court, kind="receipt").last == THREADS


@pytest.mark.django_db(transaction=True)
def test_two_reissues_of_one_version_at_once_one_wins(court, clerk, snapshot_for, slow_render):
    first = notice_issue(
        court=court,
        kind="receipt",
        subject="filing:1",
        addressee="张某某",
        snapshot=snapshot_for("receipt"),
        issued_by=clerk,
    )

    def reissue():
        return notice_reissue(notice=first, snapshot=snapshot_for("receipt"), issued_by=clerk).version

    versions, errors = run_at_once(reissue, 2)

    assert versions == [2]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert errors[0].messages == [NOT_THE_LATEST_VERSION.format(version=2)]
    assert sorted(Notice.objects.values_list("version", flat=True)) == [1, 2]
