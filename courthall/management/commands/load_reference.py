from django.core.management.base import BaseCommand

from courthall.reference import load_demo_users, load_reference_data


class Command(BaseCommand):
    help = "载入参考数据（法院、部门、案件类型）；只补充缺少的记录，不覆盖已修改的数据。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--demo-users", action="store_true", help="同时创建演示用户（仅用于演示环境）")

    def handle(self, *args, demo_users: bool = False, **options) -> None:
        for name, created in load_reference_data().items():
            self.stdout.write(f"{name}: 新增 {created} 条")
        if demo_users:
            self.stdout.write(f"演示用户: 新增 {load_demo_users()} 个")
            # issue 7: the hall roster's demo posts and the day's demo activity (舞钢规范第十三条).
            from courthall.roster.demo import load_demo_roster

            self.stdout.write(f"大厅值守岗位: 新增 {load_demo_roster()} 个")
