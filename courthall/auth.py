"""The authentication backend: Django's ModelBackend, loading with the signed-in user what every page
shows of them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class CourthallBackend(ModelBackend):
    """Every page's header names the user's court and a portal user's pages read their portal account:
    loaded with the user in the query each request makes anyway, instead of one query more each."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("court", "portal_account").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
