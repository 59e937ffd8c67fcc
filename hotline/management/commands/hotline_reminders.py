"""`manage.py hotline_reminders`: the 12368 line's morning reminders (督).

The scheduler (cron, or a systemd timer) runs it every morning, e.g. `30 8 * * *`: it enqueues the
hotline_reminders task, which the task worker (`manage.py db_worker`) runs; on a rest day the task sends
nothing. `--now` runs it in this process instead (to try it, or without a worker).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from hotline.services.routing import hotline_reminders


class Command(BaseCommand):
    help = "发送 12368 热线督办提醒短信：今日到期、已超期的转办答复和回复来电人（每人每天一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="在本进程中立即发送，不经任务队列。")

    def handle(self, *args, now: bool = False, **options):
        today = timezone.localdate().isoformat()
        if now:
            count = hotline_reminders.call(today)
            self.stdout.write(f"已生成 {count} 条提醒。")
        else:
            result = hotline_reminders.enqueue(today)
            self.stdout.write(f"已加入任务队列：{result.id}")
