"""The people and tickets the routing tests start from (issue 6, part ROUTING): one court with an agent,
two civil judges, a duty judge and a supervisor; another court with a judge and a department."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from courthall.models import Court, Department, DepartmentKind, Holiday, HolidayKind, User
from courthall.roles import AGENT, DUTY_JUDGE, JUDGE, SUPERVISOR
from hotline.models import LineShift, ShiftDuty, Ticket, TicketKind
from tests.factories import CourtFactory, DepartmentFactory, UserFactory
from tests.hotline.factories import TicketFactory

BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: str, clock: str = "10:00") -> datetime:
    """A moment in the court's time: at("2027-04-02", "09:30")."""
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=BEIJING)


@dataclass
class Hall:
    court: Court
    centre: Department
    civil: Department
    agent: User
    other_agent: User  # another agent of the line: not the ticket's first-responsible person
    judge: User
    colleague: User  # another judge of the civil division
    duty_judge: User
    supervisor: User
    other_court: Court
    other_department: Department
    other_judge: User

    def ticket(self, kind: str = TicketKind.CONTACT_JUDGE, **fields) -> Ticket:
        """A ticket the agent took, with its transfer clock as opening sets it (hotline.clocks)."""
        from hotline import clocks

        ticket = TicketFactory(court=self.court, kind=kind, **{"opened_by": self.agent, **fields})
        ticket.transfer_due_on = clocks.transfer_due_on(ticket.kind, ticket.opened_on)
        ticket.save()
        return ticket

    def duty_shift(self, day: str, starts: str = "08:30", ends: str = "17:30", person: User | None = None):
        return LineShift.objects.create(
            court=self.court,
            duty=ShiftDuty.DUTY_JUDGE,
            person=person or self.duty_judge,
            on=date.fromisoformat(day),
            starts_at=time.fromisoformat(starts),
            ends_at=time.fromisoformat(ends),
        )


def make_hall() -> Hall:
    court = CourtFactory(name="舞钢市人民法院", code="豫0481", hotline_phone="12368")
    centre = DepartmentFactory(court=court, name="立案庭（诉讼服务中心）")
    civil = DepartmentFactory(court=court, name="民事审判庭", kind=DepartmentKind.CIVIL)
    other_court = CourtFactory(name="济南市钢城区人民法院", code="鲁0117")
    other_department = DepartmentFactory(court=other_court, name="民事审判庭", kind=DepartmentKind.CIVIL)

    def staff(role, name, department, mobile, court=court):
        return UserFactory(role=role, court=court, department=department, full_name=name, mobile=mobile)

    return Hall(
        court=court,
        centre=centre,
        civil=civil,
        agent=staff(AGENT, "李娜", centre, "13900000001"),
        other_agent=staff(AGENT, "周婷", centre, "13900000007"),
        judge=staff(JUDGE, "赵志强", civil, "13900000002"),
        colleague=staff(JUDGE, "钱红", civil, "13900000003"),
        duty_judge=staff(DUTY_JUDGE, "王建国", centre, "13900000004"),
        supervisor=staff(SUPERVISOR, "刘芳", centre, "13900000005"),
        other_court=other_court,
        other_department=other_department,
        other_judge=staff(JUDGE, "郑凯", other_department, "13900000006", court=other_court),
    )


def holiday(day: str, kind: str = HolidayKind.HOLIDAY, name: str = "测试假日") -> None:
    Holiday.objects.update_or_create(date=date.fromisoformat(day), defaults={"kind": kind, "name": name})


def frozen(day: str, clock: str = "10:00"):
    """Time stands still at that moment of the court's day (with time_machine)."""
    import time_machine

    return time_machine.travel(at(day, clock), tick=False)
