"""The demo posts that `load_reference --demo-users` adds, and the posts' admin."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from courthall.models import Department
from courthall.roles import SYSADMIN
from courthall.roster.demo import POSTS, load_demo_roster
from courthall.roster.models import Attendance, Outing, Post
from tests.courthall.roster.factories import PostFactory, at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(at(date(2026, 3, 4), "09:00"), tick=False)
def test_the_demo_roster_is_loaded_once(demo_users, holiday_table):
    assert load_demo_roster() == 2 * len(POSTS)
    assert load_demo_roster() == 0
    wugang = Post.objects.filter(court__name="舞钢市人民法院")
    assert wugang.count() == len(POSTS) and all(post.spans.count() == 2 for post in wugang)
    assert Department.objects.get(
        court__name="舞钢市人民法院", name="立案庭（诉讼服务中心）"
    ).head.username == ("wg_duty_judge")
    # The demo day: three people signed in in each court, one of them out.
    assert Attendance.objects.count() == 6 and Outing.objects.count() == 2


def test_a_court_administrator_keeps_their_own_posts(client):
    mine = PostFactory(name="导诉台")
    PostFactory(name="别院窗口")
    admin_user = UserFactory(court=mine.court, role=SYSADMIN, is_staff=True)
    client.force_login(admin_user)
    page = client.get(reverse("admin:courthall_post_changelist")).content.decode()
    assert "导诉台" in page and "别院窗口" not in page
    assert client.get(reverse("admin:courthall_post_add")).status_code == 200
