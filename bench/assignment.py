"""Automatic assignment (自动分案) at a day's volume: N filings registered in one day across 20 equal judges.

Every filing goes through the real services (filing_receive, then filing_register, which assigns in its
own transaction); the spread is max − min open cases per judge at the end and must be at most 1.
"""

import time

from bench.harness import benchmark

JUDGES = 20


@benchmark(
    "assignment",
    "N 个立案申请同日立案，自动分案给 20 名权重相同的法官（默认 1000）：统计耗时和案件数差",
    default_size=1000,
)
def assignment(size: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from courthall.models import Court, Department
    from courthall.reference import load_reference_data
    from courthall.roles import CLERK, JUDGE
    from filing.models import CaseType, Filing, PartyRole
    from filing.services.filings import MaterialInput, PartyInput, filing_receive, filing_register

    load_reference_data()
    court = Court.objects.get(code="豫0481")
    court.fee_account_name, court.fee_account_bank, court.fee_account_number = (
        court.name,
        "基准测试银行",
        "0481",
    )
    court.save()
    users = get_user_model().objects
    clerk = users.create(username="bench_clerk", full_name="窗口", court=court)
    clerk.groups.add(Group.objects.get(name=CLERK.group_name))
    # fixtures/department_case_types.json: 民事审判庭 takes 民初.
    civil = Department.objects.get(court=court, name="民事审判庭")
    judge_group = Group.objects.get(name=JUDGE.group_name)
    judges = []
    for n in range(JUDGES):
        judge = users.create(username=f"bench_judge_{n}", full_name=f"法官{n}", court=court, department=civil)
        judge.groups.add(judge_group)
        judges.append(judge)
    case_type = CaseType.objects.get(code="民初")

    started = time.perf_counter()
    for n in range(size):
        filing = filing_receive(
            user=clerk,
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
        filing_register(filing=filing, user=clerk)
    elapsed = time.perf_counter() - started

    counts = dict(
        Filing.objects.filter(judge__in=judges)
        .values_list("judge_id")
        .annotate(n=Count("pk"))
        .values_list("judge_id", "n")
    )
    per_judge = [counts.get(judge.pk, 0) for judge in judges]
    return {
        "filings": sum(per_judge),
        "seconds": round(elapsed, 2),
        "spread": max(per_judge) - min(per_judge),
        "judges": JUDGES,
        "per_filing_ms": round(elapsed * 1000 / size, 2),
    }
