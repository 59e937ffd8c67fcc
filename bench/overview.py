"""The supervisors' overview under load (issue 7, Speed): N filings of 舞钢 over three years (default
10,000; 1,000,000 for the record) and N/2 hotline tickets (bench/hotline.py's generator), a live server,
8 concurrent clients, /healthz timed by the same clients in the same run; and the seconds to stream an
export of 100,000 rows. Target: each panel's p95 within 5× healthz p95, and the same at N = 10,000 and
N = 1,000,000 within a factor of 2.

The panels are found by URL name; a name that does not resolve yet (its part not merged) is skipped with a
note on stderr, so the benchmark runs on main as it is and picks each panel up once it is there. Panels are
fetched as the overview page fetches them (HX-Request: true), with the default period and with the last
year. `--keep` keeps the generated database (courthall_bench_overview_<N>) for the next run.
"""

import contextlib
import sys
import time
import urllib.request
from datetime import timedelta
from operator import itemgetter

from bench.harness import benchmark, generated_marker, mark_generated, summary
from bench.live import CLIENTS, ROUNDS, SERVERS, live_server, load, queries, session_cookie

DATA_VERSION = "2"  # bump when the generator changes: kept databases are then made again
HX = {"HX-Request": "true"}
# Fragments the overview page loads with htmx, by URL name (issue 7's parts).
PANELS = (
    "filing:overview_filing",
    "filing:overview_year_end",
    "filing:overview_first_contact",
    "filing:overview_people",
    "hotline:overview_panel",
    "hall:panel",
)
# Whole pages: the overview itself, and the hotline's supervisors' page that predates it.
PAGES = ("overview", "hotline:panel")
COMMITMENTS = "commitments"  # public, per court
EXPORT_URL = "filing:overview_list"
EXPORT_ROWS = 100_000
# What the export streams until the overview's own export exists: eight columns of the court's filings.
EXPORT_COLUMNS = (
    ("收到材料时间", "received_at"),
    ("立案渠道", "channel"),
    ("案件类型", "case_type__name"),
    ("案由", "cause_text"),
    ("状态", "state"),
    ("案号", "case_number"),
    ("立案时间", "registered_at"),
    ("承办法官", "judge__full_name"),
)


@benchmark(
    "overview",
    f"监督总览各面板：N 件立案申请（默认 10000，记录用 1000000）与 N/2 张热线工单，{CLIENTS} 个并发客户端，"
    "与 /healthz 对比 p95；另计流式导出 100000 行的秒数（--keep 复用已生成的数据库）",
    default_size=10_000,
    data_version=DATA_VERSION,
)
def overview(size: int) -> dict:
    from django.utils import timezone

    from courthall.models import User

    generated = generated_marker()
    if generated is None:
        generated = {"data_version": DATA_VERSION, **generate(size), "reused": False}
        mark_generated(DATA_VERSION, {**generated, "reused": True})
    load_roster_demo()
    supervisor = User.objects.select_related("court").get(username="wg_supervisor")
    today = timezone.localdate()
    if generated["generated_on"] != today.isoformat():
        print(
            f"overview: 数据生成于 {generated['generated_on']}，此后的日子没有收案（--keep 复用）",
            file=sys.stderr,
        )
    targets = resolve(supervisor, today)
    counts = {name: queries(path, user, headers) for name, (path, user, headers) in targets.items()}
    cookie = session_cookie(supervisor)
    with contextlib.ExitStack() as stack:
        base_urls = [stack.enter_context(live_server()) for _ in range(SERVERS)]
        pages = {
            name: (path, cookie if user else "", headers) for name, (path, user, headers) in targets.items()
        }
        times = load(base_urls, pages)
        exports = export_timings(supervisor, today, base_urls[0], cookie)
    healthz = summary(times["healthz"])
    return {
        "filings": size,
        "tickets": size // 2,
        "generation": generated,
        "clients": CLIENTS,
        "app_processes": SERVERS,
        "requests_per_page": CLIENTS * ROUNDS,
        "pages": {
            name: {
                **summary(times[name]),
                "max_ms": round(max(times[name]), 2),
                "p95_ratio": round(summary(times[name])["p95_ms"] / healthz["p95_ms"], 2),
                "queries": counts[name],
            }
            for name in targets
        },
        "healthz": {**healthz, "max_ms": round(max(times["healthz"]), 2)},
        "exports": exports,
    }


def load_roster_demo() -> None:
    """The hall roster's demo posts and today's demo activity (`load_reference --demo-users` loads them),
    on every run: a kept database then has today's sign-ins too. Nothing where the roster is not merged."""
    try:
        from courthall.roster.demo import load_demo_roster
    except ImportError:
        return
    load_demo_roster()


# --- What is measured -------------------------------------------------------------------------------------


def resolve(supervisor, today) -> dict[str, tuple[str, object, dict]]:
    """{name: (path, user to sign in or None, headers)} for every page that exists; the rest is skipped with
    a note. Each panel twice: the default period, and the last year (`_1y`)."""
    from django.urls import NoReverseMatch, reverse

    year = f"?from={today - timedelta(days=364)}&to={today}"
    targets: dict[str, tuple[str, object, dict]] = {}
    wanted = [(name, {}, HX) for name in PANELS] + [(name, {}, {}) for name in PAGES]
    wanted.append((COMMITMENTS, {"court_id": supervisor.court_id}, {}))
    for name, kwargs, headers in wanted:
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            print(f"overview: 跳过 {name}（URL 尚未注册）", file=sys.stderr)
            continue
        key = name.replace(":", "_")
        user = None if name == COMMITMENTS else supervisor
        targets[key] = (path, user, headers)
        if name in PANELS:
            targets[f"{key}_1y"] = (path + year, user, headers)
    return targets


def export_timings(supervisor, today, base_url: str, cookie: str) -> dict:
    """Seconds and bytes to stream EXPORT_ROWS rows as CSV and as .xlsx: through the overview's export URL
    once it exists, otherwise courthall.exports.export_response over the filings directly."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from filing.models import Filing

    court_id = supervisor.court_id
    try:
        url = reverse(EXPORT_URL)
    except NoReverseMatch:
        print(f"overview: {EXPORT_URL} 尚未注册，直接计时 courthall.exports.export_response", file=sys.stderr)
        return {fmt: export_direct(court_id, fmt) for fmt in ("csv", "xlsx")}
    # The period that holds the EXPORT_ROWS most recently received filings (all of them at a small N).
    recent = (
        Filing.objects.filter(court_id=court_id)
        .order_by("-received_at")
        .values_list("received_at", flat=True)
    )
    oldest = recent[EXPORT_ROWS - 1 : EXPORT_ROWS].first() or recent.last()
    start_on = today if oldest is None else max(timezone.localdate(oldest), today - timedelta(days=3659))
    rows = Filing.objects.filter(court_id=court_id, received_at__date__gte=start_on).count()
    results = {}
    for fmt in ("csv", "xlsx"):
        query = f"?figure=received&format={fmt}&from={start_on}&to={today}"
        results[fmt] = {"via": "url", "rows": rows, **stream_url(base_url + url + query, cookie)}
    return results


def export_direct(court_id: int, fmt: str) -> dict:
    from courthall.exports import Column, export_response
    from filing.models import Filing

    fields = [field for _, field in EXPORT_COLUMNS]
    rows = (
        Filing.objects.filter(court_id=court_id).order_by("-received_at").values_list(*fields)[:EXPORT_ROWS]
    )
    columns = [Column(title, itemgetter(n)) for n, (title, _) in enumerate(EXPORT_COLUMNS)]
    start = time.perf_counter()
    response = export_response(fmt, filename="收案清单", columns=columns, rows=rows.iterator(chunk_size=2000))
    first_rows, size = None, 0
    for n, chunk in enumerate(response.streaming_content):
        if n == 1:  # the first chunk is the heading (and the workbook's parts): the second holds rows
            first_rows = time.perf_counter()
        size += len(chunk)
    seconds = time.perf_counter() - start
    return {
        "via": "export_response",
        "rows": min(EXPORT_ROWS, Filing.objects.filter(court_id=court_id).count()),
        "seconds": round(seconds, 2),
        "first_rows_seconds": round((first_rows or time.perf_counter()) - start, 3),
        "bytes": size,
    }


def stream_url(url: str, cookie: str) -> dict:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    start = time.perf_counter()
    first_byte, size = None, 0
    with urllib.request.urlopen(request, timeout=600) as response:
        if response.status != 200 or response.url != url:
            raise AssertionError(f"GET {url} → {response.status} {response.url}")
        first_byte = time.perf_counter()
        while chunk := response.read(65536):
            size += len(chunk)
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "first_byte_seconds": round(first_byte - start, 3),
        "bytes": size,
    }


# --- Data -------------------------------------------------------------------------------------------------


def generate(size: int) -> dict:
    """The demo court and users, `size` filings (bench/overview_data.py) and size/2 tickets
    (bench/hotline.py); a sample of every table checked with full_clean(). Returns what was made, how fast."""
    from django.utils import timezone

    from bench import hotline
    from bench.overview_data import Generator
    from courthall.reference import load_demo_users, load_reference_data
    from filing.models import OPEN_STATES, Filing

    load_reference_data()
    load_demo_users()
    start = time.perf_counter()
    generator = Generator(size, today=timezone.localdate(), now=timezone.now())
    generator.run()
    rows = generator.tables.finish(generator.case_numbers)
    filings_seconds = time.perf_counter() - start
    start = time.perf_counter()
    hotline._generate(max(1, size // 2))
    tickets_seconds = time.perf_counter() - start
    checked = check_sample()
    return {
        "generated_on": timezone.localdate().isoformat(),
        "filings_seconds": round(filings_seconds, 1),
        "tickets_seconds": round(tickets_seconds, 1),
        "open_filings": Filing.objects.filter(state__in=OPEN_STATES).count(),
        "rows": rows,
        "full_clean_checked": checked,
    }


def check_sample(per_table: int = 25) -> int:
    """full_clean() a random sample of each generated table (the loader skipped the foreign-key triggers:
    this also checks that the keys point at rows). Raises on the first invalid row; returns rows checked."""
    import random

    from django.db.models import Max, Min

    from filing.models import (
        Assignment,
        CorrectionItem,
        CorrectionRequest,
        Filing,
        FilingEvent,
        FilingState,
        MaterialItem,
        Mediation,
        Party,
        PaymentLimit,
        SubmissionRound,
        Visit,
        VisitHandover,
    )
    from notices.models import Notice

    rng, checked = random.Random(1), 0
    models = (Filing, Party, SubmissionRound, MaterialItem, CorrectionRequest, CorrectionItem, FilingEvent)
    for model in (*models, Notice, Assignment, PaymentLimit, Mediation, Visit, VisitHandover):
        bounds = model.objects.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            continue
        pks = [rng.randint(bounds["low"], bounds["high"]) for _ in range(per_table)]
        for row in model.objects.filter(pk__in=pks):
            # The protected FSM field refuses clean_fields()'s assignment (filing.services.filing_create).
            row.full_clean(exclude=["state"] if model is Filing else None)
            if model is Filing and row.state not in FilingState.values:
                raise ValueError(f"filing {row.pk}: unknown state {row.state!r}")
            checked += 1
    return checked
