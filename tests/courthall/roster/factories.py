"""Factories for the hall roster's records. They build rows directly, as a test's starting point; what a
test checks goes through courthall.roster.services (or reads what these rows add up to)."""

import datetime
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from courthall.roster.models import (
    Attendance,
    LeaveKind,
    LeaveRequest,
    OpeningSpan,
    Outing,
    Post,
    PostHolding,
    PostKind,
)
from tests.factories import CourtFactory, UserFactory

BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: datetime.date, hhmm: str) -> datetime.datetime:
    """A moment in Beijing: at(date(2026, 3, 4), "08:40")."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=BEIJING)


class PostFactory(factory.django.DjangoModelFactory):
    """A filing window open 08:30–12:00 and 14:30–17:30; pass hours=[("09:00", "11:00")] for others."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    court = factory.SubFactory(CourtFactory)
    kind = PostKind.FILING_WINDOW
    name = factory.Sequence(lambda n: f"{n + 1}号窗口")
    order = factory.Sequence(lambda n: n)
    opened_on = datetime.date(2020, 1, 1)

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create:
            return
        for start, end in extracted if extracted is not None else [("08:30", "12:00"), ("14:30", "17:30")]:
            OpeningSpan.objects.create(
                post=self,
                starts_at=datetime.time.fromisoformat(start),
                ends_at=datetime.time.fromisoformat(end),
            )


class PostHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostHolding

    post = factory.SubFactory(PostFactory)
    court = factory.SelfAttribute("post.court")
    person = factory.SubFactory(UserFactory, court=factory.SelfAttribute("..post.court"))
    started_at = factory.LazyFunction(timezone.now)
    on = factory.LazyAttribute(lambda holding: timezone.localdate(holding.started_at))


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    person = factory.SubFactory(UserFactory)
    court = factory.SelfAttribute("person.court")
    signed_in_at = factory.LazyFunction(timezone.now)
    on = factory.LazyAttribute(lambda record: timezone.localdate(record.signed_in_at))


class OutingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outing

    person = factory.SubFactory(UserFactory)
    court = factory.SelfAttribute("person.court")
    destination = "市中级人民法院"
    reason = "移送卷宗"
    went_at = factory.LazyFunction(timezone.now)
    on = factory.LazyAttribute(lambda outing: timezone.localdate(outing.went_at))
    expected_back_at = factory.LazyAttribute(lambda outing: outing.went_at + datetime.timedelta(hours=1))


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    """A pending day of 事假 starting tomorrow at 08:30."""

    class Meta:
        model = LeaveRequest

    person = factory.SubFactory(UserFactory)
    court = factory.SelfAttribute("person.court")
    kind = LeaveKind.PERSONAL
    starts_at = factory.LazyFunction(lambda: at(timezone.localdate() + datetime.timedelta(days=1), "08:30"))
    ends_at = factory.LazyAttribute(lambda leave: leave.starts_at + datetime.timedelta(hours=9))
    reason = "家中有事"
    requested_at = factory.LazyFunction(timezone.now)
