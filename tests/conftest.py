import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a thread with
# a running loop unless told it is safe. Here it is: the browser is driven from this thread, and the ORM
# work the tests do between browser steps is ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Under CI=true nothing is skipped: what a test needs and lacks fails the run."""
    if IN_CI:
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is slow by design; tests create many users. Production keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_data(db):
    """The courts, departments and case types of fixtures/, as `make run` loads them."""
    from courthall.reference import load_reference_data

    load_reference_data()


@pytest.fixture
def demo_users(reference_data):
    """Every demo user of fixtures/demo_users.json, by username."""
    from courthall.models import User
    from courthall.reference import load_demo_users

    load_demo_users()
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def demo_password() -> str:
    import json

    from courthall.reference import DEMO_USERS_FILE, FIXTURES_DIR

    return json.loads((FIXTURES_DIR / DEMO_USERS_FILE).read_text(encoding="utf-8"))["password"]
