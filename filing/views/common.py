"""Small helpers the filing views share."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from filing import fees


def require(decision) -> None:
    """A permission's Decision, enforced: its reason becomes the 403 page's message."""
    if not decision:
        raise PermissionDenied(decision.reason)


def yuan(value) -> str:
    return fees.format_yuan(value) if value is not None else ""


def next_url(request: HttpRequest) -> str:
    """Where a decision page returns to: a `next` on this site (the online review screen posts its
    decisions here with next=<review URL>), else "" for the filing's page."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""
