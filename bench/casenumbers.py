"""Concurrent registrations: the case-number counter must give no duplicate and leave no gap."""

import sys
import threading
import time

from bench.harness import benchmark


@benchmark(
    "casenumbers",
    "N 个立案申请由 N 个线程同时登记立案（默认 32）：统计重号、缺号和每秒立案数",
    default_size=32,
)
def casenumbers(size: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    from courthall.models import Court
    from courthall.reference import load_reference_data
    from courthall.roles import CLERK
    from filing.models import CaseType, PartyRole
    from filing.services.filings import MaterialInput, PartyInput, filing_receive, filing_register

    load_reference_data()
    court = Court.objects.get(code="豫0481")
    court.fee_account_name, court.fee_account_bank, court.fee_account_number = (
        court.name,
        "基准测试银行",
        "0481",
    )
    court.save()
    clerk_group = Group.objects.get(name=CLERK.group_name)
    clerks = []
    for n in range(size):
        clerk = get_user_model().objects.create(
            username=f"bench_clerk_{n}", full_name=f"窗口{n}", court=court
        )
        clerk.groups.add(clerk_group)
        clerks.append(clerk)
    case_type = CaseType.objects.get(code="民初")
    filings = [
        filing_receive(
            user=clerks[n],
            case_type=case_type,
            claims="判令被告偿还借款。",
            cause_text="民间借贷纠纷",
            parties=[
                PartyInput(role=PartyRole.PLAINTIFF, name=f"原告{n}"),
                PartyInput(role=PartyRole.DEFENDANT, name="被告"),
            ],
            materials=[MaterialInput(name="起诉状", copies=2, pages=3, is_original=True)],
            amount_in_dispute="150000",
        )
        for n in range(size)
    ]
    numbers: list[int] = []
    errors: list[str] = []
    barrier = threading.Barrier(size)

    def register(n: int) -> None:
        try:
            barrier.wait()
            numbers.append(filing_register(filing=filings[n], user=clerks[n]).case_sequence)
        except Exception as error:  # reported in the result, never hidden
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(size)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for error in errors[:3]:
        print(error, file=sys.stderr)
    expected = set(range(1, size + 1))
    return {
        "registrations": len(numbers),
        "duplicates": len(numbers) - len(set(numbers)),
        "missing": len(expected - set(numbers)),
        "errors": len(errors),
        "per_second": round(len(numbers) / elapsed, 2),
    }
