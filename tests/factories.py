import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from courthall.models import (
    Court,
    Department,
    DepartmentKind,
    PortalAccount,
    PortalAccountKind,
    Province,
    User,
)


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court

    name = factory.Sequence(lambda n: f"测试{n}区人民法院")
    code = factory.Sequence(lambda n: f"豫{9000 + n}")
    province = Province.HENAN


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    court = factory.SubFactory(CourtFactory)
    name = "立案庭"
    kind = DepartmentKind.FILING


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member of a new court; pass `role=ROLE` (courthall.roles) to put them in its group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    court = factory.SubFactory(CourtFactory)
    password = factory.django.Password("test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.group_name))


class PortalUserFactory(UserFactory):
    """A portal user (no court): pass `role=LAWYER` (courthall.roles) as for staff."""

    court = None
    full_name = factory.Sequence(lambda n: f"用户{n}")
    mobile = factory.Sequence(lambda n: f"137{n:08d}")


def _resident_id(n: int) -> str:
    from courthall.validators import RESIDENT_ID_CHECK_CHARACTERS, RESIDENT_ID_WEIGHTS

    base = f"410481199001{n % 28 + 1:02d}{n % 1000:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(base, RESIDENT_ID_WEIGHTS, strict=True))
    return base + RESIDENT_ID_CHECK_CHARACTERS[total % 11]


class PortalAccountFactory(factory.django.DjangoModelFactory):
    """A party's account with a confirmed mobile; pass kind=PortalAccountKind.LAWYER and licence_number…"""

    class Meta:
        model = PortalAccount

    user = factory.SubFactory(PortalUserFactory)
    kind = PortalAccountKind.PARTY
    id_number = factory.Sequence(_resident_id)
    mobile_confirmed_at = factory.LazyFunction(timezone.now)
