from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courthall.permissions import workplace_required
from courthall.workplace import Panel
from hotline.views.tickets import home  # noqa: F401  (the agent's workbench; tickets part)

DUTY_PANELS = (
    Panel(
        "待答复的咨询", "坐席员无法直接答复、提请值班法官的程序性问题，按提问时间排列。", "舞钢规范第十一条"
    ),
    Panel("今日值班安排", "本院今日值班法官和替班安排。"),
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
