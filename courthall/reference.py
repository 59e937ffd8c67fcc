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
from django.utils import timezone

from courthall.roles import ROLES_BY_KEY

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
REFERENCE_FILES = (
    "courts.json",
    "departments.json",
    "case_types.json",
    # 自动分案: which department takes which case types (filing.DepartmentCaseType), editable per court.
    "department_case_types.json",
    "causes_of_action.json",
    "checklists.json",
    "fee_schedules.json",
    # The 12368 line's approved answers shared by every court (hotline.KnowledgeAnswer, court empty).
    "knowledge_answers.json",
)
DEMO_USERS_FILE = "demo_users.json"

# The demo portal users' accounts: the lawyer verified, the intern verified and supervised by that lawyer,
# the party with a confirmed mobile. Invented numbers that pass the validators; the verifying clerk is
# wg_clerk. (Kept here rather than in demo_users.json: they need the users created first.)
DEMO_VERIFIED_BY = "wg_clerk"
DEMO_PORTAL_ACCOUNTS = {
    "lawyer": {
        "kind": "lawyer",
        "mobile": "13900000001",
        "id_number": "410481198503120032",
        "firm": "河南舞钢演示律师事务所",
        "licence_number": "14104201510000001",
    },
    "intern": {
        "kind": "intern",
        "mobile": "13900000002",
        "id_number": "410481199607080025",
        "firm": "河南舞钢演示律师事务所",
        "intern_certificate_number": "豫实习2025000001",
        "supervising_lawyer": "lawyer",
    },
    "party": {"kind": "party", "mobile": "13900000003", "id_number": "410481196704150044"},
}


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
    _load_demo_portal_accounts(user_model)
    return created


def _load_demo_portal_accounts(user_model) -> None:
    """Give the demo portal users their PortalAccount, where they have none (older demo databases too)."""
    from courthall.models import PortalAccount

    now = timezone.now()
    clerk = user_model.objects.filter(username=DEMO_VERIFIED_BY).first()
    for username, values in DEMO_PORTAL_ACCOUNTS.items():
        user = user_model.objects.filter(username=username).first()
        if user is None or PortalAccount.objects.filter(user=user).exists():
            continue
        values = dict(values)
        user.mobile = values.pop("mobile")
        user.save(update_fields=["mobile"])
        supervisor = values.pop("supervising_lawyer", None)
        account = PortalAccount(user=user, mobile_confirmed_at=now, **values)
        if supervisor:
            account.supervising_lawyer = user_model.objects.get(username=supervisor)
        if account.needs_verification:
            account.verify(by=clerk, note="演示数据")
        account.full_clean()
        account.save()
