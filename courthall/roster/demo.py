"""Demo data for the hall roster (`manage.py load_reference --demo-users`): the demo courts' posts with
their opening hours, a department head, and — so that the board shows something on the day it is loaded —
a few people signed in, one out, one leave request. Demo only; creates only what is missing."""

from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courthall.models import Court, Department
from courthall.roster import leave as leave_services
from courthall.roster import services
from courthall.roster.models import Attendance, LeaveKind, LeaveRequest, OpeningSpan, Post, PostKind
from courthall.supervision import local_at

# The hall's usual hours: 08:30–12:00 and 14:30–17:30 on working days (a court changes them in the admin).
HOURS = ((time(8, 30), time(12, 0)), (time(14, 30), time(17, 30)))
POSTS = (
    (PostKind.GUIDE_DESK, "导诉台"),
    (PostKind.SELF_SERVICE, "自助服务区"),
    (PostKind.FILING_WINDOW, "1号窗口"),
    (PostKind.FILING_WINDOW, "2号窗口"),
    (PostKind.FILING_WINDOW, "3号窗口"),
    (PostKind.HOTLINE_SEAT, "12368 坐席1"),
)
COURTS = {
    "舞钢市人民法院": {"prefix": "wg", "head_of": ("立案庭（诉讼服务中心）", "wg_duty_judge")},
    "济南市钢城区人民法院": {"prefix": "gc", "head_of": ("立案庭（诉讼服务中心）", "gc_duty_judge")},
}


@transaction.atomic
def load_demo_roster() -> int:
    """Create the missing demo posts (returns how many) and the day's demo activity."""
    created = 0
    users = get_user_model().objects
    for court_name, values in COURTS.items():
        court = Court.objects.filter(name=court_name).first()
        if court is None:
            continue
        for order, (kind, name) in enumerate(POSTS, start=1):
            post, was_created = Post.objects.get_or_create(
                court=court, name=name, defaults={"kind": kind, "order": order * 10}
            )
            if was_created:
                OpeningSpan.objects.bulk_create(
                    OpeningSpan(post=post, starts_at=start, ends_at=end) for start, end in HOURS
                )
                created += 1
        department_name, head_name = values["head_of"]
        head = users.filter(username=head_name).first()
        Department.objects.filter(court=court, name=department_name, head__isnull=True).update(head=head)
        _demo_day(court, values["prefix"])
    return created


def _demo_day(court: Court, prefix: str) -> None:
    users = {
        user.username: user for user in get_user_model().objects.filter(username__startswith=f"{prefix}_")
    }
    today = timezone.localdate()
    if Attendance.objects.filter(court=court, on=today).exists() or not users:
        return
    posts = {post.name: post.pk for post in Post.objects.filter(court=court)}
    try:
        services.roster_sign_in(user=users[f"{prefix}_clerk"], post_id=posts["1号窗口"])
        services.roster_sign_in(user=users[f"{prefix}_agent"], post_id=posts["12368 坐席1"])
        services.roster_sign_in(user=users[f"{prefix}_duty_judge"], post_id=posts["导诉台"])
        services.roster_go_out(
            user=users[f"{prefix}_duty_judge"],
            destination="中级人民法院",
            reason="移送卷宗",
            expected_back_at=timezone.now() + timedelta(minutes=90),
        )
    except (KeyError, ValidationError):
        # Late in the evening an outing cannot end today: the demo day stays as far as it got.
        pass
    clerk = users.get(f"{prefix}_clerk")
    if clerk is not None and not LeaveRequest.objects.filter(person=clerk).exists():
        starts = local_at(today + timedelta(days=7), time(8, 30))
        leave_services.leave_request(
            user=clerk,
            kind=LeaveKind.ANNUAL,
            starts_at=starts,
            ends_at=starts + timedelta(hours=9),
            reason="家中有事，申请年休假一天。",
        )
