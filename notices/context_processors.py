"""The inbox link in a portal user's navigation, with the number of documents not yet opened."""

from functools import cached_property

from django.urls import reverse

from courthall.permissions import can_enter
from notices.selectors import delivery_unread_count


class InboxLink:
    """Counted only when a template shows it, and then once (one COUNT per page)."""

    label = "文书送达"

    def __init__(self, request):
        self._user = request.user
        self.url = reverse("notices:inbox")
        self.active = request.path.startswith(self.url)

    @cached_property
    def unread(self) -> int:
        return delivery_unread_count(user=self._user)


def inbox(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not can_enter(user, "courthall.use_portal"):
        return {}
    return {"inbox_link": InboxLink(request)}
