"""The agent's workbench (hotline:home) and a ticket page (hotline:ticket_detail) under load: N tickets
(default 20,000; 500,000 for the record) with four calls each in PostgreSQL, a live server, 8 concurrent
clients, /healthz timed by the same clients in the same run (issue 6, Speed: each page's p95 within 4×
healthz p95).

The rows are written with PostgreSQL COPY: millions of rows through the ORM would take longer than the
measurement, and what is measured is reading them.
"""

import contextlib
import random
from datetime import timedelta

from bench.harness import benchmark, summary
from bench.live import CLIENTS, ROUNDS, SERVERS, live_server, load, queries, session_cookie

CALLS_PER_TICKET = 4
AGENTS = 30
# Of all tickets, the share in each state: most are closed; the open ones fill the agents' queues.
STATES = (
    ("closed", 0.90),
    ("open", 0.04),
    ("transferred", 0.03),
    ("replied", 0.02),
    ("with_duty_judge", 0.01),
)


@benchmark(
    "hotline",
    f"12368 坐席工作台与工单页：N 张工单（默认 20000，记录用 500000）、每单 {CALLS_PER_TICKET} 通来电，"
    f"{CLIENTS} 个并发客户端访问运行中的服务，与 /healthz 对比 p95",
    default_size=20_000,
)
def hotline(size: int) -> dict:
    from django.urls import reverse

    agent, ticket_pk = _generate(size)
    pages = {
        "workbench": (reverse("hotline:home"), agent),
        "ticket": (reverse("hotline:ticket_detail", args=[ticket_pk]), agent),
    }
    counts = {name: queries(path, user) for name, (path, user) in pages.items()}
    with contextlib.ExitStack() as stack:
        base_urls = [stack.enter_context(live_server()) for _ in range(SERVERS)]
        times = load(base_urls, {name: (path, session_cookie(user)) for name, (path, user) in pages.items()})
    return {
        "tickets": size,
        "calls": size * CALLS_PER_TICKET,
        "clients": CLIENTS,
        "app_processes": SERVERS,
        "requests_per_page": CLIENTS * ROUNDS,
        "pages": {name: {**summary(times[name]), "queries": counts[name]} for name in pages},
        "healthz": summary(times["healthz"]),
    }


# --- Data -------------------------------------------------------------------------------------------------


def _copy(model, columns: list[str], rows) -> None:
    """COPY `rows` (tuples in the order of `columns`, attribute names) into the model's table."""
    from django.db import connection

    names = ", ".join(model._meta.get_field(column).column for column in columns)
    copy_sql = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def _generate(size: int):
    """`size` tickets over AGENTS agents of 舞钢 (one of them measured: about 1/AGENTS of the tickets, a few
    hundred still open), with CALLS_PER_TICKET calls and two events each, and a transfer for every ticket
    that was transferred. Returns (the measured agent, the pk of a ticket with everything on its page)."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone

    from courthall.models import Court, Department, User
    from courthall.reference import load_reference_data
    from courthall.roles import AGENT, JUDGE
    from hotline.models import Call, Ticket, TicketEvent, Transfer

    load_reference_data()
    rng = random.Random(6)
    court = Court.objects.get(code="豫0481")
    department = Department.objects.filter(court=court).first()
    agents = User.objects.bulk_create(
        User(username=f"bench_agent{n}", full_name=f"坐席{n}", court=court, department=department)
        for n in range(AGENTS)
    )
    Group.objects.get(name=AGENT.group_name).user_set.add(*agents)
    judge = User.objects.create(
        username="bench_judge", full_name="赵志强", court=court, department=department
    )
    judge.groups.add(Group.objects.get(name=JUDGE.group_name))

    now = timezone.now()
    kinds = ["consultation", "query", "contact_judge", "appointment", "complaint", "suggestion", "other"]
    states, weights = zip(*STATES, strict=True)
    tickets, calls, events, transfers = [], [], [], []
    for pk in range(1, size + 1):
        agent = agents[pk % AGENTS]
        state = rng.choices(states, weights)[0]
        opened_at = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
        opened_on = timezone.localdate(opened_at)
        number = f"139{pk:08d}"
        due = opened_on + timedelta(days=2)
        tickets.append(
            (
                pk,
                court.pk,
                rng.choice(kinds),
                "",
                "phone",
                state,
                "王先生",
                number,
                "咨询起诉需要准备的材料",
                "",
                opened_at,
                opened_on,
                agent.pk,
                agent.pk,
                due if state == "open" else None,
                due if state in ("transferred", "with_duty_judge") else None,
                due if state == "replied" else None,
                "called_back" if state == "closed" else "",
                "已告知。" if state == "closed" else "",
                "",
                "",
                opened_at,
                opened_at,
            )
        )
        for n in range(CALLS_PER_TICKET):
            offered_at = opened_at + timedelta(hours=n)
            calls.append(
                (
                    court.pk,
                    f"B-{pk}-{n}",
                    "telephony",
                    number,
                    "answered",
                    offered_at,
                    timezone.localdate(offered_at),
                    offered_at + timedelta(seconds=5),
                    offered_at + timedelta(seconds=185),
                    agent.pk,
                    5,
                    180,
                    pk,
                    "",
                )
            )
        events.append((pk, opened_at, agent.pk, "opened", "受理工单", "{}"))
        events.append((pk, opened_at + timedelta(minutes=5), agent.pk, "note", "记录来电", "{}"))
        if state in ("transferred", "replied", "with_duty_judge"):
            transfers.append(
                (
                    pk,
                    "transfer",
                    opened_at,
                    agent.pk,
                    judge.pk,
                    "请答复来电人。",
                    due,
                    None if state != "replied" else opened_at,
                    "",
                    "[]",
                )
            )
    _copy(
        Ticket,
        [
            "id",
            "court",
            "kind",
            "appointment_kind",
            "channel",
            "state",
            "caller_name",
            "caller_number",
            "subject",
            "request_text",
            "opened_at",
            "opened_on",
            "opened_by",
            "first_responsible",
            "transfer_due_on",
            "reply_due_on",
            "answer_due_on",
            "outcome",
            "answer",
            "satisfaction",
            "satisfaction_note",
            "created_at",
            "updated_at",
        ],
        tickets,
    )
    _copy(
        Call,
        [
            "court",
            "call_id",
            "source",
            "caller_number",
            "state",
            "offered_at",
            "offered_on",
            "answered_at",
            "ended_at",
            "agent",
            "wait_seconds",
            "talk_seconds",
            "ticket",
            "note",
        ],
        calls,
    )
    _copy(TicketEvent, ["ticket", "at", "actor", "action", "summary", "data"], events)
    _copy(
        Transfer,
        ["ticket", "kind", "at", "by", "to_user", "note", "reply_due_on", "replied_at", "reply", "materials"],
        transfers,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{Ticket._meta.db_table}', 'id'), %s)", [size])
        cursor.execute("ANALYZE")
    measured = agents[1]
    ticket_pk = next(
        pk for pk in range(1, size + 1) if pk % AGENTS == 1 and tickets[pk - 1][5] == "transferred"
    )
    return measured, ticket_pk
