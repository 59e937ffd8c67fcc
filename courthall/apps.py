from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_roles_after_last_app(sender, **kwargs) -> None:
    # post_migrate is sent once per app, and each app's permissions exist only after its own signal:
    # wait for the last app so that every permission a role names is there.
    if sender is list(apps.get_app_configs())[-1]:
        from courthall.roles import sync_role_groups

        sync_role_groups()


class CourthallConfig(AppConfig):
    name = "courthall"
    verbose_name = "法院与人员"

    def ready(self) -> None:
        from courthall import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_sync_roles_after_last_app, dispatch_uid="courthall.sync_roles")
