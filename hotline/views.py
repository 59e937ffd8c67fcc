from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courthall.permissions import workplace_required
from courthall.workplace import Panel

HOTLINE_PANELS = (
    Panel(
        "来电登记",
        "每电必登：来电时间、号码、坐席、接听或未接、等待与通话时长；来电号码自动调出以往来电、工单和案件。",
        "舞钢规范第十条；钢城承诺三",
    ),
    Panel("未接来电回拨", "未接来电当天回拨，回拨结果记入原来电。", "钢城承诺三（接通率 100%）"),
    Panel(
        "工单",
        "咨询、查询、联系法官、预约、材料收转、投诉、建议……每件一张工单，首问负责，有时限、有流转记录。",
        "舞钢规范第九条、第十一条",
    ),
    Panel("今日需转交", "联系类、投诉类、建议类事项当日转交相关人员和部门。", "钢城承诺三"),
)

DUTY_PANELS = (
    Panel(
        "待答复的咨询", "坐席员无法直接答复、提请值班法官的程序性问题，按提问时间排列。", "舞钢规范第十一条"
    ),
    Panel("今日值班安排", "本院今日值班法官和替班安排。"),
)


@workplace_required("courthall.answer_hotline")
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courthall/workplace_home.html",
        {
            "heading": "12368 诉讼服务热线",
            "lead": "只能人等电话，不能电话等人：每一通来电都有记录、有答复。",
            "panels": HOTLINE_PANELS,
            "subnav": "hotline/_subnav.html",  # staffing (issue 6): the line's secondary links
        },
    )


@workplace_required("courthall.answer_duty_questions")
def duty(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courthall/workplace_home.html",
        {
            "heading": "值班法官",
            "lead": "坐席员提请您答复的问题。",
            "panels": DUTY_PANELS,
        },
    )
