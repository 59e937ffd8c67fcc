"""Seeding the holiday table (courthall.models.Holiday) from the chinesecalendar package.

The package (import chinese_calendar) carries the State Council's holiday notices for 2004–2026 and raises
NotImplementedError for any later year (DOMAIN.md §4). The application never asks it anything at run time:
deadlines read the court-editable table only, and this module fills that table once (migration 0002) and
whenever a test needs it filled again.
"""

from datetime import date

import chinese_calendar
from django.db import models

from courthall.models import Holiday, HolidayKind

# The package names its holidays in English (its Chinese names are abbreviated: 清明, 端午, 中秋); the table
# shows the names used in the State Council's notices.
HOLIDAY_NAMES = {
    chinese_calendar.Holiday.new_years_day.value: "元旦",
    chinese_calendar.Holiday.spring_festival.value: "春节",
    chinese_calendar.Holiday.tomb_sweeping_day.value: "清明节",
    chinese_calendar.Holiday.labour_day.value: "劳动节",
    chinese_calendar.Holiday.dragon_boat_festival.value: "端午节",
    chinese_calendar.Holiday.mid_autumn_festival.value: "中秋节",
    chinese_calendar.Holiday.national_day.value: "国庆节",
    # 2015-09-03/04: the one-off holiday for the 70th anniversary of the victory in the War of Resistance.
    chinese_calendar.Holiday.anti_fascist_70th_day.value: "抗战胜利纪念日",
}


def _holiday_name(english: str) -> str:
    if english in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[english]
    # A holiday added by a newer package version: its own Chinese name, cut to the column's width.
    try:
        return chinese_calendar.Holiday(english).chinese[: Holiday._meta.get_field("name").max_length]
    except ValueError:
        return ""


def _package_rows() -> dict[date, tuple[str, str]]:
    """Every day the package knows that differs from the Monday–Friday week: date → (kind, name)."""
    rows = {
        day: (HolidayKind.HOLIDAY.value, _holiday_name(name))
        for day, name in chinese_calendar.holidays.items()
    }
    for day, name in chinese_calendar.workdays.items():
        # A make-up working day on a weekday would be an ordinary working day: nothing to store.
        if day.weekday() >= 5:
            rows[day] = (HolidayKind.MAKEUP_WORKDAY.value, _holiday_name(name))
    return rows


def seed_holidays_from_chinesecalendar(
    *, holiday_model: type[models.Model] | None = None, using: str = "default"
) -> int:
    """Insert every holiday and make-up working day of chinesecalendar that the table lacks; return how many.

    Idempotent: a date already in the table is left exactly as it is, so an administrator's correction
    survives a second run. (A row the administrator deleted does come back: only delete what is wrong,
    and fix it by editing instead.) Public holidays are stored on every day of the official span, weekend
    days included; make-up working days only when they fall on a Saturday or Sunday.

    `holiday_model` is the historical model inside a migration (apps.get_model), the real model otherwise.
    Rows are bulk-inserted, so simple_history records no "created" entry for them.
    """
    model = holiday_model or Holiday
    manager = model._default_manager.db_manager(using)
    present = set(manager.values_list("date", flat=True))
    new_rows = [
        model(date=day, kind=kind, name=name)
        for day, (kind, name) in sorted(_package_rows().items())
        if day not in present
    ]
    manager.bulk_create(new_rows, batch_size=500)
    return len(new_rows)


def years_with_data(*, holiday_model: type[models.Model] | None = None) -> set[int]:
    """The years that have at least one row in the holiday table (a year without any is "no data")."""
    model = holiday_model or Holiday
    return {day.year for day in model._default_manager.dates("date", "year")}
