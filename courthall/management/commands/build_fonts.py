"""manage.py build_fonts [--force]: cut the compact document fonts from Noto CJK (courthall/fonts.py)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courthall.fonts import build_fonts


class Command(BaseCommand):
    help = "从系统的 Noto CJK 字体生成文书专用的紧凑字体（已是最新的不重复生成）。"
    # Part of setting up a machine: it runs before there is a database, and W001 is what it cures.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="已是最新的字体也重新生成")

    def handle(self, *args, force: bool = False, **options):
        directory = Path(settings.COURTHALL_FONT_DIR)
        started = time.monotonic()
        try:
            results = build_fonts(directory, force=force)
        except (FileNotFoundError, ValueError) as error:
            raise CommandError(str(error)) from error
        for face, status in results:
            label = "已生成" if status == "built" else "已是最新"
            self.stdout.write(f"{label}：{directory / face.file_name}")
        if any(status == "built" for _face, status in results):
            self.stdout.write(f"用时 {time.monotonic() - started:.0f} 秒。")
