"""The read-only register of issued documents in the admin, limited to the administrator's own court."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from courthall.roles import SYSADMIN
from tests.factories import CourtFactory, UserFactory


@pytest.fixture
def court_admin(court):
    user = UserFactory(role=SYSADMIN, court=court, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="notices", codename="view_notice")
    )
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(court=None, is_staff=True, is_superuser=True)


def test_superuser_sees_the_list_and_the_pdf(client, superuser, issue, fake_render):
    notice = issue("receipt")
    client.force_login(superuser)

    page = client.get(reverse("admin:notices_notice_changelist")).content.decode()
    assert notice.number in page and "材料收据" in page

    detail = client.get(reverse("admin:notices_notice_change", args=[notice.pk]))
    assert detail.status_code == 200
    assert notice.verification_code in detail.content.decode()
    assert "filing:42" in detail.content.decode()

    pdf = client.get(reverse("admin:notices_notice_pdf", args=[notice.pk]))
    assert pdf.status_code == 200 and pdf.content == bytes(notice.pdf)
    assert client.get(reverse("admin:notices_notice_history", args=[notice.pk])).status_code == 200


def test_nothing_is_added_changed_or_deleted_in_the_admin(client, superuser, issue, fake_render):
    notice = issue()
    client.force_login(superuser)
    assert client.get(reverse("admin:notices_notice_add")).status_code == 403
    assert client.get(reverse("admin:notices_notice_delete", args=[notice.pk])).status_code == 403
    response = client.post(reverse("admin:notices_notice_change", args=[notice.pk]), {"addressee": "李某某"})
    assert response.status_code == 403


def test_a_court_administrator_sees_only_their_courts_documents(client, court_admin, issue, fake_render):
    own = issue()
    other_court = CourtFactory()
    other_admin = UserFactory(role=SYSADMIN, court=other_court, is_staff=True)
    other_admin.user_permissions.set(court_admin.user_permissions.all())
    client.force_login(other_admin)

    assert own.number not in client.get(reverse("admin:notices_notice_changelist")).content.decode()
    assert client.get(reverse("admin:notices_notice_pdf", args=[own.pk])).status_code == 404

    client.force_login(court_admin)
    assert own.number in client.get(reverse("admin:notices_notice_changelist")).content.decode()
    assert client.get(reverse("admin:notices_notice_pdf", args=[own.pk])).status_code == 200
