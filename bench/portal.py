"""My filings (filing:portal) and the clerks' online queue (filing:online_queue) under load: N filings in
the database (default 10,000), a live server, 8 concurrent clients, /healthz timed by the same clients in
the same run (issue 4, Speed: each page's p95 within 4× healthz p95)."""

import contextlib
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from bench.harness import benchmark, summary

CLIENTS = 8
# App processes behind the "load balancer" (DESIGN decision 7: stateless processes, scaled out): one per
# core, each a threaded runserver; client n talks to process n % SERVERS.
SERVERS = max(1, os.cpu_count() or 1)
ROUNDS = 30  # each client asks for each page (and /healthz) this many times
HEAVY_LAWYER_FILINGS = 300  # "my filings" is measured for a lawyer with a realistic few hundred
OWNERS = 400
ROOT = Path(__file__).resolve().parent.parent


@benchmark(
    "portal",
    f"“我的立案”与网上立案审核队列：N 件立案申请（默认 10000），{CLIENTS} 个并发客户端访问运行中的服务，"
    "与 /healthz 对比 p95",
    default_size=10_000,
)
def portal(size: int) -> dict:
    lawyer, clerk = _generate(size)
    pages = {
        "my_filings": ("filing:portal", lawyer),
        "online_queue": ("filing:online_queue", clerk),
    }
    queries = {name: _queries(url_name, user) for name, (url_name, user) in pages.items()}
    cookies = {name: _session_cookie(user) for name, (_, user) in pages.items()}
    with contextlib.ExitStack() as stack:
        base_urls = [stack.enter_context(_live_server()) for _ in range(SERVERS)]
        times = _load(base_urls, {name: url_name for name, (url_name, _) in pages.items()}, cookies)
    return {
        "filings": size,
        "clients": CLIENTS,
        "app_processes": SERVERS,
        "requests_per_page": CLIENTS * ROUNDS,
        "pages": {name: {**summary(times[name]), "queries": queries[name]} for name in pages},
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


# --- Measuring --------------------------------------------------------------------------------------------


def _queries(url_name: str, user) -> int:
    """Queries one request of the page makes (in process, with the test client)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url_name))
    if response.status_code != 200:
        raise AssertionError(f"{url_name} answered {response.status_code}")
    return len(queries)


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class _live_server:
    """`manage.py runserver` (threaded, no reloader) on a free port against the benchmark's database."""

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost"}
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base_url}/healthz", timeout=2).read()
                return base_url
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError("runserver did not start") from None
                time.sleep(0.2)

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _load(base_urls: list[str], pages: dict[str, str], cookies: dict[str, str]) -> dict[str, list[float]]:
    """CLIENTS threads, each asking ROUNDS times for every page and /healthz in a shuffled order, client n
    of app process n % len(base_urls)."""
    from django.urls import reverse

    paths = [(name, reverse(url_name), cookies[name]) for name, url_name in pages.items()]
    paths.append(("healthz", "/healthz", ""))
    times: dict[str, list[float]] = {name: [] for name, _, _ in paths}
    errors: list[str] = []
    barrier = threading.Barrier(CLIENTS)

    def get(url: str, cookie: str) -> float:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        start = time.perf_counter_ns()
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            if response.status != 200 or response.url != url:
                raise AssertionError(f"GET {url} → {response.status} {response.url}")
        return (time.perf_counter_ns() - start) / 1e6

    def client(seed: int) -> None:
        rng = random.Random(seed)
        base_url = base_urls[seed % len(base_urls)]
        targets = [(name, base_url + path, cookie) for name, path, cookie in paths]
        try:
            for _name, url, cookie in targets:  # warm-up, not counted
                get(url, cookie)
            barrier.wait()
            for _ in range(ROUNDS):
                order = targets[:]
                rng.shuffle(order)
                for name, url, cookie in order:
                    times[name].append(get(url, cookie))
        except Exception as error:  # reported, never hidden
            errors.append(repr(error))
            barrier.abort()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed: {errors[0]}")
    return times
