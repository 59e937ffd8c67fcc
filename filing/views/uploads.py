"""Uploaded materials opened in the browser: the file itself and its thumbnail."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from filing.selectors.uploads import upload_get_for_user


def _inline(field_file, content_type: str) -> HttpResponse:
    response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    # Uploads are checked to be PDF, JPEG or PNG; the header keeps a browser from guessing otherwise.
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The clerks' review screen shows a PDF in an <iframe> of this site (X_FRAME_OPTIONS is DENY elsewhere).
@xframe_options_sameorigin
@login_required
def upload_file(request: HttpRequest, pk: int) -> HttpResponse:
    upload = upload_get_for_user(pk=pk, user=request.user)
    return _inline(upload.file, upload.content_type)


@login_required
def upload_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = upload_get_for_user(pk=pk, user=request.user)
    if not upload.thumbnail:
        raise Http404
    return _inline(upload.thumbnail, "image/png")
