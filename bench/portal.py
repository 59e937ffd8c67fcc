"""My filings (filing:portal) and the clerks' online queue (filing:online_queue) under load: N filings in
the database (default 10,000), a live server, 8 concurrent clients, /healthz timed by the same clients in
the same run (issue 4, Speed: each page's p95 within 4× healthz p95)."""

import contextlib
import random
from datetime import timedelta

from bench.harness import benchmark, summary
from bench.live import CLIENTS, ROUNDS, SERVERS, live_server, load, queries, session_cookie

HEAVY_LAWYER_FILINGS = 300  # "my filings" is measured for a lawyer with a realistic few hundred
OWNERS = 400


@benchmark(
    "portal",
    f"“我的立案”与网上立案审核队列：N 件立案申请（默认 10000），{CLIENTS} 个并发客户端访问运行中的服务，"
    "与 /healthz 对比 p95",
    default_size=10_000,
)
def portal(size: int) -> dict:
    from django.urls import reverse

    lawyer, clerk = _generate(size)
    pages = {
        "my_filings": (reverse("filing:portal"), lawyer),
        "online_queue": (reverse("filing:online_queue"), clerk),
    }
    counts = {name: queries(path, user) for name, (path, user) in pages.items()}
    with contextlib.ExitStack() as stack:
        base_urls = [stack.enter_context(live_server()) for _ in range(SERVERS)]
        times = load(base_urls, {name: (path, session_cookie(user)) for name, (path, user) in pages.items()})
    return {
        "filings": size,
        "clients": CLIENTS,
        "app_processes": SERVERS,
        "requests_per_page": CLIENTS * ROUNDS,
        "pages": {name: {**summary(times[name]), "queries": counts[name]} for name in pages},
        "healthz": summary(times["healthz"]),
    }


# --- Data -------------------------------------------------------------------------------------------------


def _generate(size: int):
    """`size` filings over OWNERS portal users and the reference courts, HEAVY_LAWYER_FILINGS of them the
    measured lawyer's; about half online, a quarter of those still open. Returns (lawyer, clerk)."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from courthall.models import Court, PortalAccount, PortalAccountKind, User
    from courthall.reference import load_reference_data
    from courthall.roles import CLERK, LAWYER
    from filing.models import CaseType, Channel, Filing, FilingState, Party, PartyRole

    load_reference_data()
    rng = random.Random(4)
    court = Court.objects.get(code="豫0481")
    courts = list(Court.objects.all())
    clerk = User.objects.create(username="bench_clerk", full_name="张敏", court=court)
    clerk.groups.add(Group.objects.get(name=CLERK.group_name))
    owners = User.objects.bulk_create(
        User(username=f"1370000{n:04d}", full_name=f"律师{n}", mobile=f"1370000{n:04d}")
        for n in range(OWNERS)
    )
    lawyer = owners[0]
    lawyer.groups.add(Group.objects.get(name=LAWYER.group_name))
    PortalAccount.objects.create(
        user=lawyer,
        kind=PortalAccountKind.LAWYER,
        id_number="410423198807150018",
        mobile_confirmed_at=timezone.now(),
        firm="河南某某律师事务所",
        licence_number="14104202010123456",
        verified_at=timezone.now(),
    )
    case_types = list(CaseType.objects.filter(code__in=["民初", "民特", "行初", "执"]))
    open_states = [FilingState.RECEIVED, FilingState.UNDER_REVIEW, FilingState.AWAITING_CORRECTION]
    closed_states = [FilingState.REGISTERED, FilingState.REFUSED, FilingState.WITHDRAWN]
    now = timezone.now()
    filings = []
    for n in range(size):
        owner = lawyer if n < HEAVY_LAWYER_FILINGS else owners[1 + n % (OWNERS - 1)]
        online = n < HEAVY_LAWYER_FILINGS or rng.random() < 0.5
        state = rng.choice(open_states) if rng.random() < 0.25 else rng.choice(closed_states)
        received_at = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
        received_on = timezone.localdate(received_at)
        filings.append(
            Filing(
                court=court if rng.random() < 0.7 else rng.choice(courts),
                channel=Channel.ONLINE if online else Channel.COUNTER,
                case_type=rng.choice(case_types),
                cause_text="买卖合同纠纷",
                claims="判令被告支付货款。",
                state=state,
                received_at=received_at,
                limit_starts_on=received_on,
                decision_due_on=received_on + timedelta(days=7),
                online_review_due_on=received_on if online else None,
                online_review_limit_on=received_on + timedelta(days=3) if online else None,
                owner=owner if online else None,
                submitted_by=owner if online else None,
                first_receiver=None if online else clerk,
                case_number=f"（2026）豫0481民初{n + 1}号" if state == FilingState.REGISTERED else None,
            )
        )
    filings = Filing.objects.bulk_create(filings, batch_size=2000)
    Party.objects.bulk_create(
        (
            Party(filing=filing, role=role, name=name, sort_order=0)
            for filing in filings
            for role, name in ((PartyRole.PLAINTIFF, "赵六"), (PartyRole.DEFENDANT, "某某商贸有限公司"))
        ),
        batch_size=5000,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return lawyer, clerk
