from django.core.management.base import BaseCommand

from hotline.demo import load_hotline_demo


class Command(BaseCommand):
    help = "为演示用户排热线班、生成四周演示来电（仅用于演示环境，在 load_reference --demo-users 之后运行）"

    def handle(self, *args, **options) -> None:
        shifts, calls = load_hotline_demo()
        self.stdout.write(f"热线演示数据: 排班 {shifts} 条，来电 {calls} 通")
