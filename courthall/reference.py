"""Reference data from fixtures/: courts, departments, case types; and the demo users.

A fixture file names its model ("app_label.model"), the fields that identify a row ("key") and the rows.
Loading creates the rows that are missing and leaves existing ones alone, so an administrator's edits
(a court code corrected in the admin) survive every later `make run`. Keys starting with "_" are notes
(sources, remarks) and are not loaded. A foreign key is given as a lookup: {"court": {"name": "…"}}.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from courthall.roles import ROLES_BY_KEY

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
REFERENCE_FILES = (
    "courts.json",
    "departments.json",
    "case_types.json",
    "causes_of_action.json",
    "checklists.json",
    "fee_schedules.json",
)
DEMO_USERS_FILE = "demo_users.json"


def _resolve(model, row: dict) -> dict:
    values = {}
    for name, value in row.items():
        if name.startswith("_"):
            continue
        field = model._meta.get_field(name)
        if field.is_relation and isinstance(value, dict):
            value = field.related_model.objects.get(**value)
        values[name] = value
    return values


def load_fixture_file(path: Path) -> int:
    """Create the rows of one fixture file that do not exist yet; return how many were created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    model = apps.get_model(data["model"])
    created = 0
    for row in data["rows"]:
        values = _resolve(model, row)
        key = {name: values.pop(name) for name in data["key"]}
        _, was_created = model.objects.get_or_create(**key, defaults=values)
        created += was_created
    return created


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    return {name: load_fixture_file(FIXTURES_DIR / name) for name in REFERENCE_FILES}


@transaction.atomic
def load_demo_users() -> int:
    """Create the demo users of fixtures/demo_users.json that are missing. Demo only: never in production."""
    data = json.loads((FIXTURES_DIR / DEMO_USERS_FILE).read_text(encoding="utf-8"))
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    court_model = apps.get_model("courthall", "Court")
    for name, values in data["courts"].items():
        # Demo fee accounts, so that fee notices can be issued; only where the court has none yet.
        court = court_model.objects.get(name=name)
        if not court.fee_account_number:
            for field, value in values.items():
                setattr(court, field, value)
            court.save()
    created = 0
    for row in data["users"]:
        if user_model.objects.filter(username=row["username"]).exists():
            continue
        role = ROLES_BY_KEY[row["role"]]
        court = court_model.objects.get(name=row["court"]) if row["court"] else None
        department = court.departments.get(name=row["department"]) if row["department"] else None
        user = user_model(
            username=row["username"],
            full_name=row["full_name"],
            court=court,
            department=department,
            is_staff=role.admin_site,
        )
        user.set_password(data["password"])
        user.full_clean()
        user.save()
        user.groups.add(Group.objects.get(name=role.group_name))
        created += 1
    return created
