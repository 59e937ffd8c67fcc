"""The PDF for court staff, and the public verify pages, through the HTTP interface."""

import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courthall.roles import AGENT, CLERK, JUDGE, SUPERVISOR
from notices.forms import CODE_INVALID, UPLOAD_TOO_LARGE
from notices.services import notice_reissue
from notices.views import mask_name
from tests.factories import UserFactory

UNKNOWN = "没有与该验证码对应的文书"


def without_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def pdf_url(notice) -> str:
    return reverse("notices:pdf", args=[notice.pk])


def verify_url(code: str) -> str:
    return reverse("notices:verify", args=[code])


# --- The PDF --------------------------------------------------------------------------------------------


def test_the_clerk_gets_the_stored_bytes_exactly(client, clerk, issue, cjk_font):
    notice = issue("acceptance")
    client.force_login(clerk)

    response = client.get(pdf_url(notice))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(notice.pdf)
    filename = f"受理案件通知书_{notice.number}.pdf"
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote(filename)}"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_download_and_later_versions_are_named_so(client, clerk, issue, snapshot_for, fake_render):
    first = issue("receipt")
    second = notice_reissue(notice=first, snapshot=snapshot_for("receipt"), issued_by=clerk)
    client.force_login(clerk)
    response = client.get(pdf_url(second), {"download": "1"})
    filename = f"材料收据_{second.number}_第2版.pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(filename)}"


@pytest.mark.parametrize("role", [CLERK, JUDGE, SUPERVISOR])
def test_staff_of_the_court_who_work_with_documents_may_open_them(client, court, issue, role, fake_render):
    notice = issue()
    client.force_login(UserFactory(role=role, court=court))
    assert client.get(pdf_url(notice)).status_code == 200


def test_another_courts_notice_looks_like_no_notice_at_all(client, court, issue, fake_render):
    notice = issue()
    missing = reverse("notices:pdf", args=[notice.pk + 1000])
    for user in (UserFactory(role=CLERK), UserFactory(role=AGENT, court=court)):  # other court; wrong role
        client.force_login(user)
        refused, absent = client.get(pdf_url(notice)), client.get(missing)
        assert refused.status_code == absent.status_code == 404
        # The same page, but for the per-response CSRF token.
        assert without_tokens(refused) == without_tokens(absent)


def test_a_visitor_is_sent_to_sign_in(client, issue, fake_render):
    notice = issue()
    response = client.get(pdf_url(notice))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={quote(pdf_url(notice))}"


# --- Verifying a document -------------------------------------------------------------------------------


def test_verify_page_shows_the_document_without_the_addressees_name(client, court, issue, fake_render):
    notice = issue("acceptance", addressee="张某某")

    page = client.get(verify_url(notice.verification_code)).content.decode()

    assert "受理案件通知书" in page
    assert notice.number in page
    assert "第1版（最新版本）" in page
    assert court.name in page
    assert "张**" in page and "张某某" not in page
    assert notice.sha256 in page
    assert 'enctype="multipart/form-data"' in page


def test_uploading_the_very_file_matches(client, issue, cjk_font):
    notice = issue("receipt")
    upload = SimpleUploadedFile("收据.pdf", bytes(notice.pdf), content_type="application/pdf")

    response = client.post(verify_url(notice.verification_code), {"pdf": upload})

    assert response.status_code == 200
    assert "完全相同" in response.content.decode()


def test_uploading_other_bytes_does_not_match(client, issue, fake_render):
    notice = issue("receipt")
    altered = bytes(notice.pdf).replace(b"%PDF", b"%PDX")
    upload = SimpleUploadedFile("收据.pdf", altered, content_type="application/pdf")

    page = client.post(verify_url(notice.verification_code), {"pdf": upload}).content.decode()

    assert "不一致" in page and "完全相同" not in page


def test_an_upload_is_required(client, issue, fake_render):
    notice = issue()
    page = client.post(verify_url(notice.verification_code), {}).content.decode()
    assert "请选择要核对的 PDF 文件" in page


def test_an_oversized_upload_is_refused_before_it_is_read(client, issue, fake_render):
    notice = issue()
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 100, content_type="application/pdf")
    response = client.post(verify_url(notice.verification_code), {"pdf": upload}, CONTENT_LENGTH="20000000")
    assert response.status_code == 413
    assert UPLOAD_TOO_LARGE in response.content.decode()


def test_the_form_also_refuses_a_file_over_the_limit(client, issue, fake_render, monkeypatch):
    # A chunked request has no Content-Length: the form checks the size of what arrived.
    monkeypatch.setattr("notices.forms.UPLOAD_MAX_BYTES", 10)
    notice = issue()
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 100, content_type="application/pdf")
    page = client.post(verify_url(notice.verification_code), {"pdf": upload}).content.decode()
    assert UPLOAD_TOO_LARGE in page and "完全相同" not in page


def test_a_superseded_version_says_so(client, clerk, issue, snapshot_for, fake_render):
    first = issue("receipt")
    notice_reissue(notice=first, snapshot=snapshot_for("receipt"), issued_by=clerk)
    page = client.get(verify_url(first.verification_code)).content.decode()
    assert "这是该文书的第1版" in page and "第2版" in page and "已被取代" in page


@pytest.mark.parametrize("code", ["23456789AB", "0000000000", "ABC", "%E6%B3%95%E9%99%A2"])
def test_an_unknown_code_is_a_404_that_says_so_and_nothing_else(client, issue, fake_render, code):
    issue()
    response = client.get(f"/verify/{code}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert UNKNOWN in page
    assert "材料收据" not in page and "舞钢" not in page


def test_a_code_typed_in_lower_case_with_spaces_finds_the_document(client, issue, fake_render):
    notice = issue()
    code = notice.verification_code
    typed = f" {code[:5].lower()} {code[5:].lower()} "

    response = client.get(reverse("notices:verify_form"), {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == verify_url(code)
    assert client.get(response["Location"]).status_code == 200


def test_a_code_in_the_address_is_made_canonical(client, issue, fake_render):
    notice = issue()
    response = client.get(verify_url(notice.verification_code.lower()))
    assert response.status_code == 302
    assert response["Location"] == verify_url(notice.verification_code)


def test_the_code_form_explains_a_malformed_code(client, db):
    page = client.get(reverse("notices:verify_form")).content.decode()
    assert "输入验证码" in page
    response = client.get(reverse("notices:verify_form"), {"code": "O1IL"})
    assert response.status_code == 200
    assert CODE_INVALID in response.content.decode()


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张某某", "张**"),
        ("张三", "张*"),
        ("平顶山某某商贸有限公司", "平**********"),
        ("李", "李*"),
        ("", ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked
