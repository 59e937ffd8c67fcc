"""What every benchmark shares: a registry, a throw-away PostgreSQL database, Django, and the statistics.

Nothing here imports Django at module level: `--list` must work without a database, and Django may be
set up only after DATABASE_URL points at the benchmark's own database.
"""

import math
import os
import re
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"


# --- Registry ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    default_size: int
    run: Callable[[int], dict]
    # Set by a benchmark whose data is slow to make (bench/overview.py): `--keep` then reuses the database
    # courthall_bench_<name>_<size> while it holds data of this version (kept_database).
    data_version: str | None = None


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str, description: str, *, default_size: int, data_version: str | None = None) -> Callable:
    """Register `run(size) -> dict` under `name`; the dict becomes the benchmark's JSON result.

    `data_version`: the benchmark can keep its generated database between runs (`--keep`); bump it when
    the generator changes, so that an older kept database is made again."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"benchmark names are lower-case identifiers (they name a database): {name!r}")

    def register(run: Callable[[int], dict]) -> Callable[[int], dict]:
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} is defined twice")
        BENCHMARKS[name] = Benchmark(name, description, default_size, run, data_version)
        return run

    return register


# --- Database and Django ----------------------------------------------------------------------------------


@contextmanager
def bench_database(name: str) -> Iterator[str]:
    """Create courthall_bench_<name>_<pid> on the BENCH_DATABASE_URL server; yield its URL; always drop it.

    BENCH_DATABASE_URL names the maintenance database (default: postgres on 127.0.0.1 as postgres), whose
    user may create databases.
    """
    import psycopg
    from psycopg import sql

    server_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_SERVER_URL
    database = f"courthall_bench_{name}_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as maintenance:
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path=f"/{database}"))
    finally:
        _close_django_connections()
        with psycopg.connect(server_url, autocommit=True) as maintenance:
            # WITH (FORCE), PostgreSQL 13+: a connection left open by a failed benchmark must not keep
            # the database alive.
            maintenance.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )


# --- Kept databases (`python -m bench NAME --keep`; added for bench/overview.py) ---------------------------

MARKER_TABLE = "bench_generated"


@contextmanager
def kept_database(name: str, size: int, data_version: str) -> Iterator[str]:
    """courthall_bench_<name>_<size>: reused when its marker table says it holds complete data of
    `data_version` (mark_generated), otherwise dropped and created empty. Never dropped afterwards:
    `dropdb -h 127.0.0.1 -U postgres courthall_bench_<name>_<size>` when it is no longer wanted."""
    import psycopg
    from psycopg import sql

    server_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_SERVER_URL
    database = f"courthall_bench_{name}_{size}"
    url = urlunsplit(urlsplit(server_url)._replace(path=f"/{database}"))
    with psycopg.connect(server_url, autocommit=True) as maintenance:
        exists = maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
    reusable = False
    if exists:
        with psycopg.connect(url, autocommit=True) as kept:
            if kept.execute("SELECT to_regclass(%s)", [MARKER_TABLE]).fetchone()[0]:
                row = kept.execute(
                    sql.SQL("SELECT data_version FROM {}").format(sql.Identifier(MARKER_TABLE))
                )
                reusable = row.fetchone() == (data_version,)
    if not reusable:
        with psycopg.connect(server_url, autocommit=True) as maintenance:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            maintenance.execute(drop)
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    try:
        yield url
    finally:
        _close_django_connections()


def generated_marker() -> dict | None:
    """What mark_generated recorded in the current (Django) database, or None: the data is not there yet."""
    import json

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT data_version, info FROM {MARKER_TABLE}")
        row = cursor.fetchone()
    if row is None:
        return None
    info = row[1] if isinstance(row[1], dict) else json.loads(row[1])
    return {"data_version": row[0], **info}


def mark_generated(data_version: str, info: dict) -> None:
    """Record in the current database that its data is complete (the last step of a generator)."""
    import json

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER_TABLE}")
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (data_version text NOT NULL, info jsonb NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s)", [data_version, json.dumps(info)])


def _close_django_connections() -> None:
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()


def setup_django(database_url: str) -> None:
    """Point Django at the benchmark's database (before setup: settings read the environment) and migrate.

    DEBUG=true with the development key, as `make bench` runs it; the test client's host is allowed.
    """
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "courthall.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def run_benchmark(name: str, size: int | None = None, *, keep: bool = False) -> dict:
    """Run one benchmark in a fresh database and return its result (the database is gone by then).

    `keep`: in the benchmark's kept database for this size instead (kept_database), for benchmarks that
    declare a data_version."""
    bench = BENCHMARKS[name]
    size = bench.default_size if size is None else size
    if size < 1:
        raise ValueError("--size must be at least 1")
    if keep and bench.data_version is None:
        raise ValueError(f"--keep: benchmark {name!r} does not keep its database")
    database = kept_database(name, size, bench.data_version) if keep else bench_database(name)
    with database as database_url:
        setup_django(database_url)
        result = bench.run(size)
    return {"benchmark": name, "size": size, **result}


# --- Measuring --------------------------------------------------------------------------------------------


def timed_ms(call: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    call()
    return (time.perf_counter_ns() - start) / 1e6


def summary(times_ms: list[float]) -> dict:
    """Median and 95th percentile (nearest rank: with 20 runs, the 19th fastest) in milliseconds."""
    ordered = sorted(times_ms)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2)}


def measure_page(path: str, *, size: int, client=None, expected_status: int = 200) -> dict:
    """Time `size` GETs of `path` and as many of /healthz, alternating, after one warm-up of each.

    /healthz (one query, no template) is the floor of this machine and this database: `ratio` (page
    median / healthz median) is what compares across machines. Pass a logged-in `client` for pages behind
    a login. Also reports how many queries one request of the page makes.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = client or Client()
    healthz = reverse("healthz")

    def get(url: str, status: int) -> None:
        response = client.get(url)
        if response.status_code != status:
            raise AssertionError(f"GET {url} answered {response.status_code}, expected {status}")

    get(path, expected_status)
    get(healthz, 200)
    with CaptureQueriesContext(connection) as queries:
        get(path, expected_status)

    page_ms, healthz_ms = [], []
    for _ in range(size):
        page_ms.append(timed_ms(lambda: get(path, expected_status)))
        healthz_ms.append(timed_ms(lambda: get(healthz, 200)))

    healthz_median = statistics.median(healthz_ms)
    return {
        **summary(page_ms),
        "healthz_median_ms": round(healthz_median, 2),
        "ratio": round(statistics.median(page_ms) / healthz_median, 2),
        "queries": len(queries),
    }
