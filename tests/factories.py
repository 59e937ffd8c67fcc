import factory
from django.contrib.auth.models import Group

from courthall.models import Court, Department, DepartmentKind, Province, User


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
