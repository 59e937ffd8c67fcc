"""Throw-away stand-in for H1's filing:draft_edit (the wizard), so that H5's pages can redirect to it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from filing.selectors.filings import draft_get_for_user


@login_required
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_get_for_user(pk=pk, user=request.user)
    return HttpResponse(f"草稿 {draft.pk}（立案向导由 H1 提供）", content_type="text/plain; charset=utf-8")
