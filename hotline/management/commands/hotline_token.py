from django.core.management.base import BaseCommand, CommandError

from courthall.models import Court
from hotline.services.telephony import telephony_token_create


class Command(BaseCommand):
    help = "为法院生成话务系统推送令牌（只显示这一次；系统只保存其 SHA-256 摘要）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("court", help="法院名称，如“舞钢市人民法院”")
        parser.add_argument("--name", default="话务系统", help="令牌用途")

    def handle(self, *args, court: str, name: str, **options) -> None:
        found = Court.objects.filter(name=court).first()
        if found is None:
            raise CommandError(f"没有名为“{court}”的法院。")
        _, token = telephony_token_create(court=found, name=name)
        self.stdout.write(f"{found.name} 的话务系统令牌（只显示这一次，请妥善保存）：")
        self.stdout.write(token)
