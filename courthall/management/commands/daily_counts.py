"""Forget the stored daily counts of the supervisors' panels, so that they are counted again.

Needed only after records were entered or corrected with earlier dates (an administrator's repair, a
data import): the panels count a settled day once (courthall.daily_counts) and would not see them.
"""

from django.core.management.base import BaseCommand, CommandError

from courthall import daily_counts
from courthall.models import Court


class Command(BaseCommand):
    help = "清除监督面板已保存的每日统计（之后按需重新统计）。补录或更正了以往日期的记录后使用。"

    def add_arguments(self, parser):
        parser.add_argument("--forget", action="store_true", help="清除已保存的每日统计")
        parser.add_argument("--court", help="只清除这个法院的（法院名称）")
        parser.add_argument("--key-prefix", default="", help="只清除统计项以此开头的，如 filing. 或 hotline.")

    def handle(self, *args, forget: bool, court: str | None, key_prefix: str, **options):
        if not forget:
            raise CommandError("请加 --forget：本命令只用于清除已保存的每日统计。")
        court_id = None
        if court:
            found = Court.objects.filter(name=court).first()
            if found is None:
                raise CommandError(f"没有名为“{court}”的法院。")
            court_id = found.pk
        deleted = daily_counts.forget(court_id=court_id, key_prefix=key_prefix)
        self.stdout.write(f"已清除 {deleted} 条每日统计；各面板下次打开时重新统计。")
