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
