"""The people and the catalogue the overview benchmark's filings refer to: the demo users of 舞钢
(`manage.py load_reference --demo-users`), more clerks and judges so that the people panels have rows,
portal users who file online, the mediators, and the names parties and visitors go by."""

import random
from types import SimpleNamespace

COURT_NAME = "舞钢市人民法院"
CLERKS = 10  # with wg_clerk
JUDGES = {"民事审判庭": 12, "执行局": 6, "刑事审判庭": 2, "行政审判庭": 3}  # with wg_judge, wg_enf_judge
PORTAL_USERS = 300
MEDIATORS = ("舞钢市人民调解委员会", "李秀珍", "舞钢市矛盾纠纷多元化解中心", "王德明")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛")
COMPANIES = ("舞钢市某某商贸有限公司", "平顶山某某建设工程有限公司", "河南某某农村商业银行股份有限公司")
CIVIL_CAUSES = ("民间借贷纠纷", "买卖合同纠纷", "金融借款合同纠纷", "离婚纠纷", "劳务合同纠纷")
CAUSE_TEXTS = {"执": "申请执行", "执恢": "申请恢复执行", "执保": "财产保全执行", "执异": "执行异议"}
OTHER_MATTERS = ("query", "consultation", "contact_judge", "fees", "file_review", "material_transfer")


class People:
    """Creates the users it needs (once, through the ORM: a few hundred rows) and hands out their ids."""

    def __init__(self, rng: random.Random) -> None:
        from django.contrib.auth.models import Group

        from courthall.models import Court, Department, User
        from courthall.roles import CLERK, JUDGE
        from filing.models import CaseType, CauseOfAction, DepartmentCaseType, Mediator

        self.rng = rng
        self.court = Court.objects.get(name=COURT_NAME)
        departments = {d.name: d for d in Department.objects.filter(court=self.court)}
        filing_department = departments["立案庭（诉讼服务中心）"]
        clerks = list(User.objects.filter(username="wg_clerk"))
        clerks += User.objects.bulk_create(
            User(
                username=f"ov_clerk{n}",
                full_name=f"{SURNAMES[n]}书记",
                court=self.court,
                department=filing_department,
            )
            for n in range(1, CLERKS)
        )
        Group.objects.get(name=CLERK.group_name).user_set.add(*clerks[1:])
        self.clerks = [user.pk for user in clerks]
        judges = list(User.objects.filter(username__in=["wg_judge", "wg_enf_judge"]))
        for name, count in JUDGES.items():
            judges += User.objects.bulk_create(
                User(
                    username=f"ov_judge_{departments[name].pk}_{n}",
                    full_name=f"{SURNAMES[n]}法官",
                    court=self.court,
                    department=departments[name],
                )
                for n in range(count - sum(1 for j in judges if j.department_id == departments[name].pk))
            )
        Group.objects.get(name=JUDGE.group_name).user_set.add(*judges)
        self.supervisor = User.objects.get(username="wg_supervisor").pk
        portal = list(User.objects.filter(username__in=["lawyer", "intern", "party"]))
        portal += User.objects.bulk_create(
            User(username=f"ov_portal{n}", full_name=self.person_name(), mobile=f"1380000{n:04d}")
            for n in range(PORTAL_USERS)
        )
        self.portal = [user.pk for user in portal]

        self.case_types = {
            t.code: SimpleNamespace(
                pk=t.pk, name=t.name, decision_days=t.decision_days, requires_defendant=t.requires_defendant
            )
            for t in CaseType.objects.all()
        }
        # 自动分案: the judges of the departments that take each case type (DepartmentCaseType).
        by_department: dict[int, list[int]] = {}
        for judge in judges:
            by_department.setdefault(judge.department_id, []).append(judge.pk)
        self.judges: dict[str, list[tuple[int, int]]] = {}
        for link in DepartmentCaseType.objects.filter(department__court=self.court).select_related(
            "case_type"
        ):
            self.judges.setdefault(link.case_type.code, []).extend(
                (judge, link.department_id) for judge in by_department.get(link.department_id, [])
            )
        self.handover_users = [(judge, None) for judge in by_department.get(departments["民事审判庭"].pk, [])]
        self.handover_departments = [(None, departments[name].pk) for name in ("民事审判庭", "执行局")]
        causes = CauseOfAction.objects.filter(name__in=CIVIL_CAUSES).values_list("pk", flat=True)
        self.civil_causes = list(causes) or [None]
        self.mediators = [
            (m.pk, m.name, m.kind)
            for m in Mediator.objects.bulk_create(
                Mediator(court=self.court, name=name, kind="organisation" if len(name) > 4 else "person")
                for name in MEDIATORS
            )
        ]

    def clerk(self) -> int:
        return self.rng.choice(self.clerks)

    def portal_user(self) -> int:
        return self.rng.choice(self.portal)

    def person_name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def company_name(self) -> str:
        return self.rng.choice(COMPANIES) if self.rng.random() < 0.4 else self.person_name()

    def cause(self, code: str) -> dict:
        if code.startswith("民"):
            cause = self.rng.choice(self.civil_causes)
            text = "" if cause else "买卖合同纠纷"
            return {"cause": cause, "cause_text": text, "claims": "判令被告支付欠款及利息。"}
        text = CAUSE_TEXTS.get(code, "其他纠纷")
        return {"cause": None, "cause_text": text, "claims": "请求依法处理。"}

    def mediator(self) -> tuple[int, str, str]:
        return self.rng.choice(self.mediators)

    def visit_matter(self) -> str:
        return self.rng.choice(OTHER_MATTERS)

    def handover_target(self) -> tuple[int | None, int | None]:
        """(to_user, to_department): a judge of the civil division, or a department."""
        if self.rng.random() < 0.5 and self.handover_users:
            return self.rng.choice(self.handover_users)
        return self.rng.choice(self.handover_departments)


def acceptance_fee(code: str, amount: int | None):
    """The acceptance fee advanced at registration, roughly 诉讼费用交纳办法 art. 13 (the generator does not
    need filing.fees' exact figure, only a fee where the services charge one)."""
    from decimal import Decimal

    if code == "行初":
        return Decimal("50.00")
    if code != "民初" or amount is None:
        return None
    if amount <= 10_000:
        return Decimal("50.00")
    fee = 50 + (min(amount, 100_000) - 10_000) * 0.025
    if amount > 100_000:
        fee += (min(amount, 200_000) - 100_000) * 0.02
    if amount > 200_000:
        fee += (amount - 200_000) * 0.015
    return Decimal(f"{fee:.2f}")
