"""Issuing a document: the 受理案件通知书 rendered from its snapshot, and issued end to end."""

from bench.harness import benchmark, summary, timed_ms


@benchmark(
    "notices",
    "渲染受理案件通知书（出具时的数据快照）：预热一次后计时 N 次，默认 20；另计完整出具（编号、渲染、入库）",
    default_size=20,
)
def notices(size: int) -> dict:
    import statistics

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from courthall.models import Court, Province
    from courthall.roles import CLERK
    from notices.kinds import KINDS
    from notices.services import notice_issue, render_notice
    from notices.specimens import specimen_snapshot

    spec = KINDS["acceptance"]
    snapshot = specimen_snapshot("acceptance")

    def render() -> bytes:
        return render_notice(
            spec, snapshot, number="豫0481受〔2026〕123号", verification_code="7KQ2M9XH4C", version=1
        )

    pdf_bytes = render()  # warm-up: imports, fonts, templates
    times = [timed_ms(render) for _ in range(size)]

    court = Court.objects.create(
        name=snapshot["court"]["name"], code=snapshot["court"]["code"], province=Province.HENAN
    )
    clerk = get_user_model().objects.create(username="bench_clerk", full_name="王敏", court=court)
    clerk.groups.add(Group.objects.get(name=CLERK.group_name))

    def issue() -> None:
        with transaction.atomic():
            notice_issue(
                court=court,
                kind="acceptance",
                subject="bench:1",
                addressee="张某某",
                snapshot=snapshot,
                issued_by=clerk,
            )

    issue_times = [timed_ms(issue) for _ in range(size)]
    return {
        **summary(times),
        "pdf_bytes": len(pdf_bytes),
        "issue_median_ms": round(statistics.median(issue_times), 2),
    }
