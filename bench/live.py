"""Pages under load, as production serves them: live app processes (DESIGN decision 7: stateless, one per
core, behind a load balancer), CLIENTS concurrent clients, /healthz timed by the same clients in the same
run. Shared by the page benchmarks (portal, hotline)."""

import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

CLIENTS = 8
# App processes behind the "load balancer": one per core, each a threaded runserver; client n talks to
# process n % SERVERS.
SERVERS = max(1, os.cpu_count() or 1)
ROUNDS = 30  # each client asks for each page (and /healthz) this many times
ROOT = Path(__file__).resolve().parent.parent


def queries(path: str, user, headers: dict | None = None) -> int:
    """Queries one request of the page makes (in process, with the test client). `headers`: extra request
    headers (e.g. {"HX-Request": "true"} for a panel fragment; added for bench/overview.py)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers=headers)
    if user is not None:
        client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise AssertionError(f"{path} answered {response.status_code}")
    return len(captured)


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class live_server:
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


def load(base_urls: list[str], pages: dict[str, tuple]) -> dict[str, list[float]]:
    """CLIENTS threads, each asking ROUNDS times for every page ({name: (path, session cookie)}, or
    (path, cookie, extra headers) — added for bench/overview.py's HX-Request) and /healthz in a shuffled
    order, client n of app process n % len(base_urls)."""
    paths = [(name, page[0], (page[1], page[2] if len(page) > 2 else {})) for name, page in pages.items()]
    paths.append(("healthz", "/healthz", ("", {})))
    times: dict[str, list[float]] = {name: [] for name, _, _ in paths}
    errors: list[str] = []
    barrier = threading.Barrier(CLIENTS)

    def get(url: str, sent: tuple[str, dict]) -> float:
        cookie, extra = sent
        request = urllib.request.Request(url, headers={**extra, **({"Cookie": cookie} if cookie else {})})
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
