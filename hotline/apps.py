from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hotline"
    verbose_name = "12368 诉讼服务热线"

    def ready(self) -> None:
        from courthall.commitments import Commitment, register
        from hotline.selectors.overview import same_day_transfer_achievement

        # 钢城承诺三 (一号办好): 对当事人的联系类、投诉类、建议类事项当日转交相关人员、部门办理.
        register(
            Commitment(
                key="hotline.same_day_transfer",
                order=30,
                title="热线联系、投诉、建议事项同日转办",
                promise=(
                    "通过 12368 热线、窗口或网上留言提出的联系法官、投诉、建议事项，"
                    "当日转交相关人员、部门办理；节假日受理的，在下一个工作日转交。"
                ),
                source="钢城承诺三（实现一号办好）",
                measure=same_day_transfer_achievement,
            )
        )
