"""Pages, each measured against /healthz in the same run (measure_page)."""

from bench.harness import benchmark, measure_page


@benchmark("login_page", "GET /login/ 与 /healthz 对比（各 N 次交替，默认 200）", default_size=200)
def login_page(size: int) -> dict:
    from django.urls import reverse

    return measure_page(reverse("login"), size=size)
