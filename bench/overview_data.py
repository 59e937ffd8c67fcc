"""The data of the overview benchmark: N filings of 舞钢市人民法院 over the last three years, as the filing
services would have left them, written by PostgreSQL COPY (bench/overview_copy.py).

Day by day from three years ago to today, each day's filings in received order (ids rise with time), with
what happened to each: the receipt (a round of materials, a visit at the window), the review clocks, then
one path — registered on the spot or after review, corrected first (some with a second notice approved by
the supervisor), returned, refused, declined, withdrawn, mediated — with the case number, the judge, the
payment limit and the timeline events the services write. Only the last OPEN_WINDOW days hold open
filings, at most OPEN_MAX of them, so the open set stays bounded whatever N is.
"""

import random
from datetime import date, datetime, timedelta

from bench.overview_clocks import Clocks, shares
from bench.overview_copy import Tables
from bench.overview_people import People, acceptance_fee

DAYS = 3 * 365
REST_DAY_WEIGHT = 0.08  # a rest day has this share of a working day's filings, all of them online
CHANNELS = (("counter", 0.45), ("online", 0.40), ("cross_region", 0.05), ("kiosk", 0.10))
CASE_TYPES = (
    ("民初", 0.58),
    ("执", 0.22),
    ("民特", 0.03),
    ("民督", 0.01),
    ("民撤", 0.002),
    ("执恢", 0.03),
    ("执保", 0.02),
    ("执异", 0.02),
    ("刑初", 0.008),
    ("行初", 0.03),
    ("行审", 0.02),
)
OPEN_WINDOW = 30  # days: older filings have all been decided
OPEN_MAX, OPEN_SHARE, OPEN_P_MAX = 3000, 0.03, 0.8
MEDIATION_SHARE = 0.06  # of decided 民初 filings
CORRECTION_SHARE = 0.08  # of decided filings
SECOND_NOTICE_SHARE = 0.3  # of follow-up correction notices
OUTCOMES = (("registered", 0.945), ("withdrawn", 0.03), ("refused", 0.015), ("not_competent", 0.01))
OTHER_VISITS = 0.3  # visits for other matters per filing, on working days
HANDOVER_SHARE = 0.08
CORRECTION_DAYS = PAYMENT_DAYS = 7
MEDIATION_DAYS = 30
# The document each closing decision issues (filing.services.filings).
CLOSING_NOTICES = {"refused": "refusal", "not_competent": "jurisdiction", "returned": "return"}
MATERIALS = ("起诉状", "身份证明", "证据材料", "送达地址确认书")
PROBLEMS = (
    ("起诉状", "未写明被告的住所", "补充被告的住所和联系方式"),
    ("身份证明", "复印件不清晰", "提交清晰的身份证复印件"),
    ("证据材料", "未编制证据目录", "提交证据目录并逐页编号"),
    ("授权委托书", "未提交", "提交特别授权的授权委托书"),
)


def _picker(rng: random.Random, shares):
    """A function returning one of the values, with the given shares (cumulative search, no allocation)."""
    values = [value for value, _ in shares]
    cumulative, total = [], 0.0
    for _, share in shares:
        total += share
        cumulative.append(total)

    def pick():
        r = rng.random() * total
        for value, bound in zip(values, cumulative, strict=True):
            if r < bound:
                return value
        return values[-1]

    return pick


class Generator(Clocks):
    """Holds the clocks, the people and the table buffers; `run()` writes every row."""

    def __init__(self, size: int, *, today: date, now: datetime) -> None:
        super().__init__(today=today, now=now)
        self.size = size
        self.rng = random.Random(2026)
        self.people = People(self.rng)
        self.tables = Tables(self.people.court.pk)
        self.channel = _picker(self.rng, CHANNELS)
        self.case_type = _picker(self.rng, CASE_TYPES)
        self.outcome = _picker(self.rng, OUTCOMES)
        self.case_numbers: dict[tuple[int, str], int] = {}
        self.days = [(day, self.working(day, 0) == day) for day in self.last_days(DAYS)]
        weights = [1.0 if working else REST_DAY_WEIGHT for _, working in self.days]
        recent = sum(weights[-OPEN_WINDOW:]) / sum(weights) * size
        self.open_p = min(OPEN_P_MAX, min(OPEN_MAX, max(300, size * OPEN_SHARE)) / max(recent, 1))
        self.per_day = shares(size, weights)

    # --- the whole run ------------------------------------------------------------------------------------

    def run(self) -> None:
        for (day, working), count in zip(self.days, self.per_day, strict=True):
            for _ in range(count):
                self.filing(day, working)
            if working:
                for _ in range(round(count * OTHER_VISITS)):
                    self.other_visit(day)
            self.tables.flush_if_full()
        self.tables.flush()

    # --- one filing ---------------------------------------------------------------------------------------

    def filing(self, day: date, working: bool) -> None:
        rng, people, tables = self.rng, self.people, self.tables
        code = self.case_type()
        case_type = people.case_types[code]
        channel = self.channel() if working else "online"
        online = channel == "online"
        minute = rng.randrange(420, 1380) if online else rng.randrange(510, 1050)
        received_at = min(self.at(day, minute), self.now - timedelta(minutes=rng.randrange(2, 60)))
        pk = tables.next_id("filing")
        f = tables.filing_row(pk)
        amount = rng.randrange(2_000, 800_000) if code == "民初" and rng.random() < 0.8 else None
        f.update(
            channel=channel,
            case_type=case_type.pk,
            received_at=received_at,
            limit_starts_on=day,
            decision_due_on=self.due(case_type, day),
            amount_in_dispute=amount,
            created_at=received_at,
            updated_at=received_at,
            **people.cause(code),
        )
        if online:
            owner = people.portal_user()
            f.update(owner=owner, submitted_by=owner)
            counted = (
                day + timedelta(days=1) if received_at.astimezone(self.tz).time() >= self.day_ends else day
            )
            f.update(
                online_review_due_on=self.working(counted, 0), online_review_limit_on=self.working(counted, 3)
            )
            receiver, intake = owner, "submitted_online"
        else:
            receiver = f["first_receiver"] = people.clerk()
            intake = "received"
            if channel != "kiosk":
                f["visit"] = self.filing_visit(received_at, receiver)
        plaintiff = self.addressee = people.person_name()
        tables.party(pk, "plaintiff", plaintiff, 0)
        if case_type.requires_defendant:
            tables.party(pk, "defendant", people.company_name(), 0)
        round1, items = tables.round(
            pk, 1, "initial", plaintiff, received_at, receiver, MATERIALS[:2], online
        )
        tables.event(pk, received_at, receiver, intake, f"收到{case_type.name}立案申请")
        age = (self.today - day).days
        if age < OPEN_WINDOW and rng.random() < self.open_p * 2 * (1 - age / OPEN_WINDOW):
            self.still_open(f, case_type, age, round1, items)
        else:
            self.decide(f, case_type, code, round1, items)
        tables.filing_done(f)

    def due(self, case_type, day: date) -> date | None:
        # 登记立案规定 art. 8 (filing.services.filings._decision_due_on).
        return self.statutory(day, case_type.decision_days) if case_type.decision_days else None

    def decider(self, f: dict) -> int:
        """首接负责制: the clerk who acts on an unclaimed online filing claims it."""
        if f["first_receiver"] is None:
            f["first_receiver"] = self.people.clerk()
        return f["first_receiver"]

    def still_open(self, f: dict, case_type, age: int, round1: int, items: dict[str, int]) -> None:
        r = self.rng.random()
        if age <= 3 and r < 0.5:
            return  # received: an online filing nobody has claimed yet, or undecided at the counter
        clerk = self.decider(f)
        if r < 0.75:
            f["state"] = "under_review"
            self.tables.event(
                f["id"], f["received_at"] + timedelta(minutes=20), clerk, "decide_later", "转入待审查"
            )
        else:
            self.correction(f, clerk, round1, items, f["received_at"], follow_up=None)
            f["state"] = "awaiting_correction"

    def decide(self, f: dict, case_type, code: str, round1: int, items: dict[str, int]) -> None:
        rng, received_at = self.rng, f["received_at"]
        clerk = self.decider(f)
        r = rng.random()
        if code == "民初" and r < MEDIATION_SHARE:
            self.mediate(f, case_type, clerk)
            return
        if r > 1 - CORRECTION_SHARE:
            corrected_at = self.corrected(f, case_type, clerk, round1, items)
            if corrected_at is not None:
                self.register(
                    f, code, clerk, corrected_at + timedelta(days=rng.randrange(0, 3), hours=1), False
                )
            return
        outcome = self.outcome()
        if outcome != "registered":
            self.close(f, clerk, outcome, received_at + timedelta(minutes=rng.randrange(20, 600)))
            return
        if f["channel"] == "online":
            review_on = f["online_review_due_on"] if rng.random() < 0.8 else f["online_review_limit_on"]
            self.register(f, code, clerk, self.at(review_on, rng.randrange(540, 1020)), True)
        elif rng.random() < 0.75:
            self.register(f, code, clerk, received_at + timedelta(minutes=rng.randrange(15, 50)), True)
        else:
            self.tables.event(
                f["id"], received_at + timedelta(minutes=20), clerk, "decide_later", "转入待审查"
            )
            days = case_type.decision_days or 5
            on = f["limit_starts_on"] + timedelta(days=rng.randrange(1, days))
            if f["decision_due_on"] and rng.random() < 0.01:
                on = f["decision_due_on"] + timedelta(days=1)  # 先行立案: still undecided at the limit
            self.register(f, code, clerk, self.at(on, rng.randrange(540, 1020)), False)

    def close(self, f: dict, clerk: int, state: str, at: datetime) -> None:
        at = self.past(at, f["received_at"])
        f.update(state=state, decided_at=at, decided_by=clerk, updated_at=at)
        if state == "refused":
            f.update(
                refusal_reasons="起诉不符合受理条件",
                refusal_basis="《中华人民共和国民事诉讼法》第一百二十二条",
            )
        elif state == "not_competent":
            f["competent_court"] = "平顶山市中级人民法院"
        elif state == "withdrawn":
            f["withdrawal_reason"] = "当事人已与对方和解"
        if state in CLOSING_NOTICES:
            self.tables.notice(CLOSING_NOTICES[state], f["id"], at, clerk, self.addressee)
        self.tables.event(f["id"], at, clerk, state, "")

    def register(self, f: dict, code: str, clerk: int, at: datetime, on_spot: bool) -> None:
        """filing.services.filings.filing_register with its assignment and payment limit."""
        rng, tables, pk = self.rng, self.tables, f["id"]
        at = self.past(at, f["received_at"])
        on = self.local_day(at)
        sequence = self.case_numbers[(on.year, code)] = self.case_numbers.get((on.year, code), 0) + 1
        f.update(
            state="registered",
            case_number=f"（{on.year}）豫0481{code}{sequence}号",
            case_year=on.year,
            case_sequence=sequence,
            registered_at=at,
            decided_at=at,
            registered_by=clerk,
            decided_by=clerk,
            registered_on_spot=on_spot,
            registered_first=bool(f["decision_due_on"] and on > f["decision_due_on"]),
            updated_at=at,
        )
        how = "当场立案" if on_spot else ("期限届满先行立案" if f["registered_first"] else "审查后立案")
        tables.event(pk, at, clerk, "registered", f"{how}，案号 {f['case_number']}")
        tables.notice("acceptance", pk, at, clerk, self.addressee)
        fee = acceptance_fee(code, f["amount_in_dispute"])
        if fee is not None:
            f["fee_total"] = fee
            fee_notice = tables.notice("fee", pk, at, clerk, self.addressee)
            served = at if f["owner"] is None else at + timedelta(hours=rng.randrange(1, 48))
            served = served if served < self.now else None  # an online notice not yet opened
            due_on = self.statutory(self.local_day(served), PAYMENT_DAYS) if served else None
            tables.payment_limit(pk, fee_notice, served, due_on, at)
            if due_on and due_on + timedelta(days=3) < self.today and rng.random() < 0.015:
                # 诉讼费用交纳办法 art. 22: unpaid at the limit, treated as withdrawn by ruling.
                ruled = self.at(due_on + timedelta(days=3), 600)
                f.update(state="treated_withdrawn", decided_at=ruled, updated_at=ruled)
                tables.event(pk, ruled, clerk, "treated_as_withdrawn", "逾期未交诉讼费，按撤诉处理")
                tables.notice("treated_withdrawn", pk, ruled, clerk, self.addressee)
        judges = self.people.judges.get(code)
        if not judges or rng.random() < 0.002:
            f["unassigned_reason"] = "没有可以分案的法官"
            tables.event(pk, at, clerk, "unassigned", f["unassigned_reason"])
            return
        judge, department = rng.choice(judges)
        assigned_at = at + timedelta(seconds=2)
        f.update(judge=judge, department=department, assigned_at=assigned_at)
        tables.assignment(pk, judge, department, assigned_at, rng.getrandbits(62))
        tables.event(pk, assigned_at, clerk, "assigned", "自动分案")

    def correction(self, f: dict, clerk: int, after_round: int, items: dict[str, int], at, follow_up) -> date:
        """One correction notice (filing_return_for_correction); returns its deadline. `follow_up`: the
        items of the first notice's round the party had handed in (a second notice concerns one of them)."""
        rng, pk = self.rng, f["id"]
        at = self.past(at + timedelta(minutes=rng.randrange(30, 240)), f["received_at"])
        on = self.local_day(at)
        deadline = self.statutory(on, CORRECTION_DAYS)
        phone = (at + timedelta(minutes=5), "13900000001", "reached") if f["channel"] == "online" else None
        request = self.tables.correction_request(
            pk, after_round, follow_up is not None, deadline, at, clerk, phone
        )
        problems = rng.sample(PROBLEMS, rng.randrange(1, 3))
        second = follow_up is not None and rng.random() < SECOND_NOTICE_SHARE
        for material, problem, provide in problems:
            self.tables.correction_item(request, items.get(material), material, problem, provide)
        if second:  # 一次性全面告知: about a material handed in before the first notice, approved in writing
            self.tables.correction_item(
                request,
                follow_up[MATERIALS[0]],
                MATERIALS[0],
                "诉讼请求表述不明确",
                "明确诉讼请求的金额",
                approved_by=self.people.supervisor,
            )
        f.update(decided_at=at, decided_by=clerk, updated_at=at)
        self.tables.notice("correction", pk, at, clerk, self.addressee)
        self.tables.event(pk, at, clerk, "correction_requested", f"补正期限 {deadline:%Y年%m月%d日}")
        return deadline

    def corrected(
        self, f: dict, case_type, clerk: int, round1: int, items: dict[str, int]
    ) -> datetime | None:
        """A decided filing that was corrected first: returned when the party did not correct in time,
        otherwise the moment of the last correction round (the decision period ran again from it)."""
        rng, tables, pk = self.rng, self.tables, f["id"]
        deadline = self.correction(f, clerk, round1, items, f["received_at"], follow_up=None)
        if rng.random() < 0.2:  # filing_lapse_correction, the day after the deadline
            returned = self.at(deadline + timedelta(days=1), 570)
            if returned < self.now:
                self.close(f, clerk, "returned", returned)
                return None
        number, last, follow_up = 1, None, None
        while True:
            number += 1
            on = min(self.local_day(f["decided_at"]) + timedelta(days=rng.randrange(1, 6)), self.today)
            last = self.past(self.at(on, rng.randrange(540, 1020)), f["decided_at"])
            round_, new_items = tables.round(pk, number, "correction", "补正人", last, clerk, MATERIALS[2:3])
            tables.event(pk, last, clerk, "materials_received", f"收到第{number}次提交的材料")
            f.update(
                limit_starts_on=self.local_day(last),
                decision_due_on=self.due(case_type, self.local_day(last)),
            )
            if follow_up is not None or rng.random() >= 0.1:
                return last
            follow_up = items
            self.correction(f, clerk, round_, new_items, last, follow_up=follow_up)

    def mediate(self, f: dict, case_type, clerk: int) -> None:
        """filing.services.mediation: consent, a 民诉前调 number, the limit; settled or back to register."""
        rng, pk = self.rng, f["id"]
        started = self.past(f["received_at"] + timedelta(minutes=rng.randrange(30, 180)), f["received_at"])
        start_on = self.local_day(started)
        sequence = self.case_numbers[(start_on.year, "民诉前调")] = (
            self.case_numbers.get((start_on.year, "民诉前调"), 0) + 1
        )
        elapsed = (start_on - f["limit_starts_on"]).days
        mediation = {
            "number": f"（{start_on.year}）豫0481民诉前调{sequence}号",
            "year": start_on.year,
            "sequence": sequence,
            "started_at": started,
            "started_by": clerk,
            "consent_at": started,
            "due_on": self.statutory(start_on, MEDIATION_DAYS),
            "decision_days_left": max(0, case_type.decision_days - elapsed),
            "outcome": "",
            "ended_at": None,
            "ended_by": None,
            "agreement_on": None,
        }
        f.update(state="in_mediation", updated_at=started)
        self.tables.event(pk, started, clerk, "mediation_started", f"转诉前调解 {mediation['number']}")
        if (self.today - start_on).days < MEDIATION_DAYS and rng.random() < 0.5:
            self.tables.mediation(pk, mediation, self.people.mediator())
            return
        days = rng.randrange(5, 35)
        ended = self.past(started + timedelta(days=days), started)
        mediation.update(ended_at=ended, ended_by=clerk)
        if days <= MEDIATION_DAYS and rng.random() < 0.65:
            mediation.update(outcome="settled", agreement_on=self.local_day(ended))
            f.update(state="mediated", decided_at=ended, decided_by=clerk, updated_at=ended)
            self.tables.event(pk, ended, clerk, "mediation_settled", "调解成功")
            self.tables.mediation(pk, mediation, self.people.mediator())
            return
        # _end_and_register: failed, or the limit passed; the decision period resumes with the days it had.
        mediation["outcome"] = "failed" if days <= MEDIATION_DAYS else "timed_out"
        self.tables.mediation(pk, mediation, self.people.mediator())
        self.tables.event(pk, ended, clerk, "mediation_failed", "诉前调解未达成协议；立案审查期限恢复计算")
        f.update(limit_starts_on=self.local_day(ended))
        f.update(decision_due_on=self.statutory(f["limit_starts_on"], mediation["decision_days_left"]))
        self.register(f, "民初", clerk, ended + timedelta(seconds=5), False)

    # --- visits (first-contact log) -----------------------------------------------------------------------

    def filing_visit(self, received_at: datetime, clerk: int) -> int:
        opened = received_at - timedelta(minutes=self.rng.randrange(5, 20))
        closed = min(received_at + timedelta(minutes=30), self.now)
        return self.tables.visit(self.people.person_name(), "filing", opened, clerk, clerk, None, closed)

    def other_visit(self, day: date) -> None:
        rng, people = self.rng, self.people
        clerk = people.clerk()
        opened = min(
            self.at(day, rng.randrange(510, 1050)), self.now - timedelta(minutes=rng.randrange(1, 90))
        )
        age = (self.today - day).days
        still_open = (age == 0 and rng.random() < 0.5) or (age == 1 and rng.random() < 0.1)
        closed = None if still_open else self.past(opened + timedelta(minutes=rng.randrange(5, 90)), opened)
        # filing.services.visits.visit_hand_over: to a colleague, who becomes responsible; or to a department,
        # the giver staying responsible.
        to_user, to_department = people.handover_target() if rng.random() < HANDOVER_SHARE else (None, None)
        visit = self.tables.visit(
            people.person_name(),
            people.visit_matter(),
            opened,
            clerk,
            to_user or clerk,
            to_department,
            closed,
        )
        if to_user or to_department:
            self.tables.handover(visit, clerk, to_user, to_department, opened + timedelta(minutes=10))
