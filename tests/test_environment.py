"""The suite itself: under CI=true it must run on PostgreSQL, the database courts run."""

from django.db import connection

from tests.conftest import skip_or_fail


def test_suite_runs_on_postgresql(db):
    if connection.vendor != "postgresql":
        skip_or_fail(f"测试数据库是 {connection.vendor}，不是 PostgreSQL：请设置 DATABASE_URL=postgres://…")
    assert connection.vendor == "postgresql"
