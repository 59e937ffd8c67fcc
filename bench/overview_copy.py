"""Rows buffered per table and written with PostgreSQL COPY (psycopg 3 `cursor.copy`), for the overview
benchmark's generator (bench/overview_data.py).

A table is given the columns the generator fills; every other column gets its model field's default
(blank text, None, False, {} …) — so a field that someone adds later with a default does not break the
generator, and one without a default fails loudly here. The referenced tables get their ids from the
generator (their sequences are moved past them at the end); the others from their sequences.

While writing, the session runs with session_replication_role = replica: PostgreSQL then skips the
foreign-key triggers (one lookup per key per row, most of the cost of loading a million filings); CHECK
and NOT NULL still apply, and overview_data.check_sample validates a sample with full_clean().
"""

import hashlib
import json

BATCH = 20_000  # filings between two flushes: memory stays bounded at any size
_PDF = b"%PDF-1.7 stand-in"
_PDF_SHA256 = hashlib.sha256(_PDF).hexdigest()
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # notices.services.VERIFICATION_ALPHABET


class Table:
    def __init__(self, model, columns: list[str]) -> None:
        self.model, self.rows, self.written = model, [], 0
        fields = [f for f in model._meta.concrete_fields]
        by_name = {f.name: f for f in fields}
        extras = [f for f in fields if f.name not in columns and not f.primary_key]
        missing = [f.name for f in extras if f.get_default() is None and not f.null]
        if missing:
            raise RuntimeError(f"{model.__name__}: the generator must fill {', '.join(missing)}")
        self.extras = tuple(_copy_value(f.get_default()) for f in extras)
        names = [by_name[c].column for c in columns] + [f.column for f in extras]
        self.copy_sql = f"COPY {model._meta.db_table} ({', '.join(names)}) FROM STDIN"

    def add(self, *values) -> None:
        self.rows.append(values + self.extras)

    def flush(self, cursor) -> None:
        if not self.rows:
            return
        with cursor.cursor.copy(self.copy_sql) as copy:
            for row in self.rows:
                copy.write_row(row)
        self.written += len(self.rows)
        self.rows = []


def _copy_value(value):
    return json.dumps(value) if isinstance(value, (dict, list)) else value


class Tables:
    """One Table per model the overview reads, in the order their foreign keys need."""

    def __init__(self, court_id: int) -> None:
        from django.db.models import Max

        from filing.models import (
            Assignment,
            CorrectionItem,
            CorrectionRequest,
            Filing,
            FilingEvent,
            MaterialItem,
            Mediation,
            Party,
            PaymentLimit,
            SubmissionRound,
            Visit,
            VisitHandover,
        )
        from notices.kinds import KINDS
        from notices.models import Notice

        self.court_id = court_id
        self.kinds = KINDS
        self.notice_serials: dict[tuple[int, str], int] = {}
        self.filing_columns = [f.name for f in Filing._meta.concrete_fields]
        self.filing_template = {
            f.name: _copy_value(f.get_default()) for f in Filing._meta.concrete_fields if not f.primary_key
        }
        self.filing_template["state"] = "received"
        self.visits = Table(
            Visit,
            [
                "id",
                "court",
                "visitor_name",
                "matter",
                "state",
                "opened_at",
                "opened_by",
                "responsible",
                "responsible_department",
                "closed_at",
                "outcome",
            ],
        )
        self.handovers = Table(
            VisitHandover,
            ["visit", "from_user", "to_user", "to_department", "reason", "party_informed", "at"],
        )
        self.filings = Table(Filing, self.filing_columns)
        self.notices = Table(
            Notice,
            [
                "id",
                "court",
                "kind",
                "number",
                "subject",
                "addressee",
                "snapshot",
                "template_name",
                "template_version",
                "pdf",
                "sha256",
                "verification_code",
                "issued_by",
                "issued_at",
                "issued_automatically",
            ],
        )
        self.parties = Table(Party, ["filing", "role", "name", "sort_order"])
        self.rounds = Table(
            SubmissionRound,
            ["id", "filing", "number", "kind", "submitter_name", "received_at", "received_by"],
        )
        self.items = Table(MaterialItem, ["id", "round", "name", "copies", "pages"])
        self.requests = Table(
            CorrectionRequest,
            [
                "id",
                "filing",
                "after_round",
                "follow_up",
                "deadline_on",
                "issued_at",
                "issued_by",
                "phone_called_at",
                "phone_number",
                "phone_outcome",
            ],
        )
        self.correction_items = Table(
            CorrectionItem,
            [
                "request",
                "material_item",
                "material",
                "problem",
                "provide",
                "second_notice",
                "approved_by",
                "approval_reason",
            ],
        )
        self.events = Table(FilingEvent, ["filing", "at", "actor", "action", "summary"])
        self.assignments = Table(Assignment, ["filing", "kind", "judge", "department", "at", "seed"])
        self.payment_limits = Table(PaymentLimit, ["filing", "notice", "served_at", "due_on", "updated_at"])
        self.mediations = Table(
            Mediation,
            [
                "filing",
                "court",
                "number",
                "year",
                "sequence",
                "mediator",
                "mediator_name",
                "mediator_kind",
                "consent_by",
                "consent_method",
                "consent_at",
                "started_at",
                "started_by",
                "due_on",
                "decision_days_left",
                "outcome",
                "ended_at",
                "ended_by",
                "agreement_on",
            ],
        )
        self.order = [
            self.visits,
            self.handovers,
            self.filings,
            self.notices,
            self.parties,
            self.rounds,
            self.items,
            self.requests,
            self.correction_items,
            self.events,
            self.assignments,
            self.payment_limits,
            self.mediations,
        ]
        self.models_with_ids = {
            "filing": Filing,
            "visit": Visit,
            "round": SubmissionRound,
            "item": MaterialItem,
            "request": CorrectionRequest,
            "notice": Notice,
        }
        self.last_ids = {
            kind: model.objects.aggregate(last=Max("id"))["last"] or 0
            for kind, model in self.models_with_ids.items()
        }

    def next_id(self, kind: str) -> int:
        self.last_ids[kind] += 1
        return self.last_ids[kind]

    # --- writing ------------------------------------------------------------------------------------------

    def flush_if_full(self) -> None:
        if len(self.filings.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            try:
                for table in self.order:
                    table.flush(cursor)
            finally:
                cursor.execute("SET session_replication_role = DEFAULT")

    def finish(self, case_numbers: dict[tuple[int, str], int]) -> dict[str, int]:
        """The case-number and notice counters at the last numbers given; the sequences past the ids
        given here; VACUUM ANALYZE what was written (as autovacuum would have by the time a real court has
        this much history). Returns the rows per table."""
        from django.db import connection

        from filing.models import CaseNumberCounter
        from notices.models import NoticeCounter

        CaseNumberCounter.objects.bulk_create(
            CaseNumberCounter(court_id=self.court_id, year=year, type_code=code, last_number=last)
            for (year, code), last in case_numbers.items()
        )
        NoticeCounter.objects.bulk_create(
            NoticeCounter(court_id=self.court_id, year=year, kind=kind, last=last)
            for (year, kind), last in self.notice_serials.items()
        )
        with connection.cursor() as cursor:
            for kind, model in self.models_with_ids.items():
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)",
                    [max(1, self.last_ids[kind])],
                )
            for table in self.order:
                cursor.execute(f"VACUUM ANALYZE {table.model._meta.db_table}")
        return {table.model._meta.db_table: table.written for table in self.order}

    # --- rows ---------------------------------------------------------------------------------------------

    def filing_row(self, pk: int) -> dict:
        row = dict(self.filing_template)
        row["id"] = pk
        row["court"] = self.court_id
        return row

    def filing_done(self, row: dict) -> None:
        self.filings.rows.append(tuple(row[name] for name in self.filing_columns))

    def party(self, filing: int, role: str, name: str, sort_order: int) -> None:
        self.parties.add(filing, role, name, sort_order)

    def round(
        self, filing, number, kind, submitter, at, by, materials, auto=False
    ) -> tuple[int, dict[str, int]]:
        pk = self.next_id("round")
        self.rounds.add(pk, filing, number, kind, submitter, at, by)
        # 登记立案规定 art. 2: a receipt for every round (filing.services.filings._add_round).
        self.notice("receipt", filing, at, by, submitter, f'{{"round": {number}}}', auto)
        items = {}
        for name in materials:
            items[name] = self.next_id("item")
            self.items.add(items[name], pk, name, 1, 3)
        return pk, items

    def event(self, filing: int, at, actor: int, action: str, summary: str) -> None:
        self.events.add(filing, at, actor, action, summary)

    def payment_limit(self, filing: int, notice: int, served_at, due_on, updated_at) -> None:
        self.payment_limits.add(filing, notice, served_at, due_on, updated_at)

    def notice(
        self, kind: str, filing: int, at, by: int, addressee: str, snapshot: str = "", auto=False
    ) -> int:
        """A document as notices.services.notice_issue stores it: numbered per (year, kind), the filing as
        its subject; the PDF a few bytes (no panel reads it) and the verification code derived from the id."""
        pk = self.next_id("notice")
        snapshot = snapshot or f'{{"filing": {filing}}}'  # a real snapshot holds the whole document
        year = at.year
        serial = self.notice_serials[(year, kind)] = self.notice_serials.get((year, kind), 0) + 1
        spec = self.kinds[kind]
        number = f"豫0481{spec.number_code}〔{year}〕{serial}号"
        code = "".join(_ALPHABET[(pk // 31**n) % 31] for n in range(10))
        self.notices.add(
            pk,
            self.court_id,
            kind,
            number,
            f"filing:{filing}",
            addressee,
            snapshot,
            spec.template_name,
            spec.template_version,
            _PDF,
            _PDF_SHA256,
            code,
            by,
            at,
            auto,
        )
        return pk

    def assignment(self, filing: int, judge: int, department: int, at, seed: int) -> None:
        self.assignments.add(filing, "automatic", judge, department, at, seed)

    def correction_request(self, filing, after_round, follow_up, deadline_on, at, by, phone) -> int:
        pk = self.next_id("request")
        called_at, number, outcome = phone or (None, "", "")
        self.requests.add(pk, filing, after_round, follow_up, deadline_on, at, by, called_at, number, outcome)
        return pk

    def correction_item(self, request, material_item, material, problem, provide, approved_by=None) -> None:
        reason = "首次告知时遗漏，经审查确有必要补正" if approved_by else ""
        self.correction_items.add(
            request, material_item, material, problem, provide, approved_by is not None, approved_by, reason
        )

    def mediation(self, filing: int, m: dict, mediator: tuple[int, str, str]) -> None:
        self.mediations.add(
            filing,
            self.court_id,
            m["number"],
            m["year"],
            m["sequence"],
            *mediator,
            "原告",
            "signed_form",
            m["consent_at"],
            m["started_at"],
            m["started_by"],
            m["due_on"],
            m["decision_days_left"],
            m["outcome"],
            m["ended_at"],
            m["ended_by"],
            m["agreement_on"],
        )

    def visit(self, name, matter, opened_at, opened_by, responsible, department, closed_at) -> int:
        pk = self.next_id("visit")
        state, outcome = ("open", "") if closed_at is None else ("closed", "已办结")
        self.visits.add(
            pk,
            self.court_id,
            name,
            matter,
            state,
            opened_at,
            opened_by,
            responsible,
            department,
            closed_at,
            outcome,
        )
        return pk

    def handover(self, visit: int, from_user: int, to_user, to_department, at) -> None:
        self.handovers.add(visit, from_user, to_user, to_department, "不属本窗口职责，移交办理", True, at)
