"""The PDF of a notice for court staff, a portal user's inbox of documents served on them (电子送达), and
the public page that verifies a document by its code."""

import hmac

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from courthall.permissions import workplace_required
from notices.forms import (
    UPLOAD_MAX_BYTES,
    UPLOAD_TOO_LARGE,
    VerifyCodeForm,
    VerifyUploadForm,
    is_well_formed_code,
    normalize_code,
)
from notices.kinds import snapshot_matter
from notices.models import Notice
from notices.permissions import can_view_notice_as_staff
from notices.selectors import (
    delivery_get_for_recipient,
    delivery_list_for_recipient,
    notice_get_by_verification_code,
    notice_get_for_user,
    notice_latest_version,
)
from notices.services import notice_open

INBOX_PAGE_SIZE = 30

# Room for the multipart envelope around a file of the largest size accepted.
_UPLOAD_ENVELOPE_BYTES = 64 * 1024


def pdf_filename(notice: Notice) -> str:
    """材料收据_豫0481收〔2026〕12号.pdf, and _第2版 for a later version."""
    version = f"_第{notice.version}版" if notice.version > 1 else ""
    return f"{notice.get_kind_display()}_{notice.number}{version}.pdf"


def pdf_response(notice: Notice, *, as_attachment: bool = False) -> HttpResponse:
    """The stored bytes exactly as issued; never re-rendered."""
    response = HttpResponse(bytes(notice.pdf), content_type="application/pdf")
    # RFC 6266 / RFC 5987: filename*=utf-8''… carries the Chinese name, with an ASCII fallback.
    response["Content-Disposition"] = content_disposition_header(as_attachment, pdf_filename(notice))
    patch_cache_control(response, private=True, no_store=True)  # a party's document: no shared caches
    return response


@require_GET
@login_required
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    notice = notice_get_for_user(pk=pk, user=request.user)
    if not can_view_notice_as_staff(notice, request.user):
        # The recipient: opening the document is its service, which notices:delivered records.
        url = reverse("notices:delivered", args=[notice.pk])
        return redirect(f"{url}?download=1" if request.GET.get("download") == "1" else url)
    return pdf_response(notice, as_attachment=request.GET.get("download") == "1")


@workplace_required("courthall.use_portal")
def inbox(request: HttpRequest) -> HttpResponse:
    """文书送达: the documents served on the portal user, newest first, those not yet opened marked."""
    page = Paginator(delivery_list_for_recipient(user=request.user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for delivery in page:
        delivery.matter = snapshot_matter(delivery.notice.snapshot)
    return render(request, "notices/inbox.html", {"page": page})


@require_GET
@login_required
def delivered(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient opens a document served on them: the first time is recorded as the service time."""
    delivery = delivery_get_for_recipient(notice_pk=pk, user=request.user)
    notice_open(notice=delivery.notice, user=request.user)
    return pdf_response(delivery.notice, as_attachment=request.GET.get("download") == "1")


def mask_name(name: str) -> str:
    """张某某 → 张**: the verify page is public, so it shows only enough to recognise one's own document."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("notices:verify", code=form.cleaned_data["code"])
    return render(request, "notices/verify_form.html", {"form": form})


# The upload only compares hashes and changes nothing, so it needs no CSRF token; exempting it lets the
# size check below run before anything (the CSRF middleware included) reads the request body.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    normalized = normalize_code(code)
    notice = notice_get_by_verification_code(code=normalized) if is_well_formed_code(normalized) else None
    if notice is None:
        return render(request, "notices/verify_unknown.html", {"form": VerifyCodeForm()}, status=404)
    if normalized != code:
        return redirect("notices:verify", code=normalized)

    matches = None
    upload_error = ""
    status = 200
    form = VerifyUploadForm()
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > UPLOAD_MAX_BYTES + _UPLOAD_ENVELOPE_BYTES:
            # Refused before anything reads the body: an oversized upload is never spooled to disk.
            upload_error = UPLOAD_TOO_LARGE
            status = 413
        else:
            form = VerifyUploadForm(request.POST, request.FILES)
            if form.is_valid():
                matches = hmac.compare_digest(form.sha256(), notice.sha256)

    latest_version = notice_latest_version(notice=notice)
    context = {
        "notice": notice,
        "addressee": mask_name(notice.addressee),
        "issued_on": timezone.localdate(notice.issued_at),
        "latest_version": latest_version,
        "superseded": latest_version > notice.version,
        "form": form,
        "matches": matches,
        "upload_error": upload_error,
    }
    return render(request, "notices/verify.html", context, status=status)
