"""Fill the holiday table from chinesecalendar (2004–2026); administrators add later years in the admin."""

from django.db import migrations

from courthall.holidays import seed_holidays_from_chinesecalendar


def seed_holidays(apps, schema_editor):
    seed_holidays_from_chinesecalendar(
        holiday_model=apps.get_model("courthall", "Holiday"), using=schema_editor.connection.alias
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courthall", "0001_initial"),
    ]

    operations = [
        # Reversing leaves the rows: they may have been corrected by hand since, and 0001's reversal drops
        # the table anyway.
        migrations.RunPython(seed_holidays, migrations.RunPython.noop),
    ]
