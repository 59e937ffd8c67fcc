import pytest

from courthall.holidays import seed_holidays_from_chinesecalendar


@pytest.fixture
def holiday_table(db) -> None:
    """The holiday table as migration 0002 leaves it: chinesecalendar's 2004–2026, nothing for 2027.

    Migration 0002 seeds the test database, but transactional tests elsewhere flush every table; seeding
    again is idempotent, so this is cheap when the rows are already there.
    """
    seed_holidays_from_chinesecalendar()
