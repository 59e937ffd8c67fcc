"""Uploaded materials stored with their thumbnail, opened only by whom the draft or filing belongs to."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from PIL import Image

from courthall.roles import CLERK, LAWYER
from courthall.uploads import check_upload
from filing.models import CaseType, Draft, Upload
from filing.services.online import filing_submit_online
from filing.services.uploads import upload_remove, upload_store
from tests.courthall.test_uploads import photo, sample_pdf, upload
from tests.factories import CourtFactory, PortalUserFactory, UserFactory
from tests.filing.test_online import draft_for

pytestmark = pytest.mark.usefixtures("pdf_fonts")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def store(draft, data, name="民事起诉状", filename="起诉状.pdf"):
    file = upload(data, filename)
    return upload_store(
        file=file, checked=check_upload(file), name=name, uploaded_by=draft.owner, draft=draft
    )


def png_size(field_file) -> tuple[int, int]:
    with field_file.open("rb") as stored, Image.open(stored) as image:
        return image.size


def test_a_pdf_is_stored_as_received_with_a_first_page_thumbnail(lawyer, wugang, media):
    draft = Draft.objects.create(owner=lawyer, court=wugang)
    data = sample_pdf()
    stored = store(draft, data)
    with stored.file.open("rb") as file:
        assert file.read() == data
    assert stored.content_type == "application/pdf" and stored.size == len(data) and stored.pages == 2
    assert stored.original_name == "起诉状.pdf" and "起诉状" not in stored.file.name
    width, height = png_size(stored.thumbnail)
    assert max(width, height) == 320 and height > width  # an A4 page, upright


def test_a_photo_gets_a_scaled_down_thumbnail(lawyer, wugang):
    draft = Draft.objects.create(owner=lawyer, court=wugang)
    stored = store(draft, photo("jpeg", (1600, 1200)), name="身份证", filename="id.jpg")
    assert stored.content_type == "image/jpeg"
    assert png_size(stored.thumbnail) == (320, 240)


def test_a_blank_name_is_refused_and_nothing_is_stored(lawyer, wugang, media):
    draft = Draft.objects.create(owner=lawyer, court=wugang)
    with pytest.raises(ValidationError, match="请填写材料名称"):
        store(draft, sample_pdf(), name="   ")
    assert not Upload.objects.exists()


def test_files_are_opened_by_their_owner_and_are_a_404_for_anyone_else(client, lawyer, wugang):
    draft = Draft.objects.create(owner=lawyer, court=wugang)
    stored = store(draft, sample_pdf())
    client.force_login(lawyer)
    response = client.get(reverse("filing:upload_file", args=[stored.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"] == "inline"
    thumbnail = client.get(reverse("filing:upload_thumbnail", args=[stored.pk]))
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/png"

    other_lawyer = PortalUserFactory(role=LAWYER)
    clerk = UserFactory(court=wugang, role=CLERK)
    for user in (other_lawyer, clerk):  # a draft is nobody's business but its owner's
        client.force_login(user)
        assert client.get(reverse("filing:upload_file", args=[stored.pk])).status_code == 404
        assert client.get(reverse("filing:upload_thumbnail", args=[stored.pk])).status_code == 404


def test_once_submitted_the_clerks_of_that_court_open_the_files_and_no_other_court_does(
    client, lawyer, wugang
):
    draft = draft_for(lawyer, wugang)
    stored = store(draft, sample_pdf(), name="证据目录")
    filing_submit_online(draft=draft, user=lawyer)
    stored.refresh_from_db()
    assert stored.round is not None
    client.force_login(UserFactory(court=wugang, role=CLERK))
    assert client.get(reverse("filing:upload_file", args=[stored.pk])).status_code == 200
    client.force_login(UserFactory(court=CourtFactory(), role=CLERK))
    assert client.get(reverse("filing:upload_file", args=[stored.pk])).status_code == 404
    client.force_login(lawyer)
    assert client.get(reverse("filing:upload_thumbnail", args=[stored.pk])).status_code == 200


def test_a_file_is_removed_from_a_draft_but_never_after_submission(
    lawyer, wugang, media, django_capture_on_commit_callbacks
):
    draft = Draft.objects.create(owner=lawyer, court=wugang, case_type=CaseType.objects.get(code="民初"))
    stored = store(draft, sample_pdf())
    with pytest.raises(PermissionDenied):
        upload_remove(upload=stored, user=PortalUserFactory(role=LAWYER))
    assert (media / stored.file.name).exists() and (media / stored.thumbnail.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        upload_remove(upload=stored, user=lawyer)
    assert not Upload.objects.filter(pk=stored.pk).exists()
    assert not (media / stored.file.name).exists() and not (media / stored.thumbnail.name).exists()

    draft = draft_for(lawyer, wugang)
    kept = draft.uploads.first()
    filing_submit_online(draft=draft, user=lawyer)
    with pytest.raises(ValidationError, match="不能再删除"):
        upload_remove(upload=kept, user=lawyer)
    assert Upload.objects.filter(pk=kept.pk).exists()
