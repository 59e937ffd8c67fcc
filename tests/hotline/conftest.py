import pytest
from django.utils import timezone

from courthall.roles import AGENT, CLERK, DUTY_JUDGE, JUDGE, PARTY, SUPERVISOR, SYSADMIN
from filing.models import Agent, AgentKind, CaseType, Filing, FilingState, Party, PartyRole
from tests.factories import CourtFactory, PortalUserFactory, UserFactory


@pytest.fixture
def court(db):
    return CourtFactory(name="舞钢市人民法院")


@pytest.fixture
def agent(court):
    return UserFactory(court=court, full_name="赵坐席", role=AGENT)


@pytest.fixture
def other_agent(court):
    return UserFactory(court=court, full_name="钱坐席", role=AGENT)


@pytest.fixture
def supervisor(court):
    return UserFactory(court=court, full_name="刘芳", role=SUPERVISOR)


@pytest.fixture
def clerk(court):
    return UserFactory(court=court, full_name="张敏", role=CLERK)


@pytest.fixture
def judge(court):
    return UserFactory(court=court, full_name="孙法官", role=JUDGE)


@pytest.fixture
def duty_judge(court):
    return UserFactory(court=court, full_name="周法官", role=DUTY_JUDGE)


@pytest.fixture
def sysadmin(court):
    return UserFactory(court=court, full_name="吴管理员", role=SYSADMIN, is_staff=True)


@pytest.fixture
def portal_user(db):
    return PortalUserFactory(full_name="李当事人", mobile="13700000001", role=PARTY)


def registered_case(court, case_number: str, *, parties=(), agents=()) -> Filing:
    """A registered civil case of `court` naming `parties` and `agents` as (name, ID number) pairs."""
    case_type, _ = CaseType.objects.get_or_create(
        code="民初", defaults={"name": "民事一审", "category": "civil", "decision_days": 7}
    )
    now = timezone.now()
    filing = Filing.objects.create(
        court=court,
        case_type=case_type,
        cause_text="民间借贷纠纷",
        claims="判令被告偿还借款。",
        state=FilingState.REGISTERED,
        received_at=now,
        limit_starts_on=timezone.localdate(now),
        case_number=case_number,
        registered_at=now,
    )
    people = []
    for index, (name, id_number) in enumerate(parties):
        role = PartyRole.PLAINTIFF if index == 0 else PartyRole.DEFENDANT
        people.append(Party.objects.create(filing=filing, role=role, name=name, id_number=id_number))
    for name, id_number in agents:
        Agent.objects.create(
            filing=filing, party=people[0], kind=AgentKind.LAWYER, name=name, id_number=id_number
        )
    return filing
