from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courthall.permissions import workplace_required
from courthall.workplace import Panel
from filing.forms.visits import PRIORITY_REASONS, VisitOpenForm
from filing.selectors.filings import helped_drafts, portal_drafts, portal_filings
from filing.selectors.rows import portal_rows
from filing.selectors.visits import visit_list_open_for_department, visit_list_open_for_user

# What the counter screen will hold next to the first-contact log, until each is built.
COUNTER_PANELS = (
    Panel(
        "当场立案",
        "录入案件类型、案由、当事人和代理人，勾选收到的材料，出具材料收据；符合条件的当场登记立案，"
        "打印受理案件通知书和交纳诉讼费用通知书。",
        "登记立案规定第二条；舞钢规范第五条",
    ),
    Panel(
        "一次性全面告知",
        "材料不全时列出全部需补正事项，出具补正材料通知书；系统阻止二次告知。",
        "舞钢规范第六条；钢城承诺四",
    ),
    Panel(
        "待审查队列",
        "未能当场决定的立案按法定期限排序：民事、行政 7 日，自诉 15 日；到期未决的提示先行立案。",
        "登记立案规定第八条",
    ),
    Panel(
        "网上立案审查",
        "网上提交的立案当天审核，最迟 3 个工作日；涉营商环境案件必须当天审核。",
        "舞钢规范第七条；钢城承诺六",
    ),
)

PORTAL_PANELS = (
    Panel("我的立案", "您在网上提交或由窗口代为办理的立案申请、审查进度和处理结果。", "舞钢规范第七条"),
    Panel(
        "网上立案",
        "分步骤填写立案信息，随时保存草稿，自动生成起诉状，上传材料。",
        "钢城承诺二（电子诉状自动生成）",
    ),
    Panel(
        "文书与送达",
        "材料收据、补正材料通知书、受理案件通知书、交纳诉讼费用通知书等文书的电子送达。",
        "舞钢规范第七条（通知、回复一律在网上办理）",
    ),
)


@workplace_required("courthall.work_counter")
def counter(request: HttpRequest) -> HttpResponse:
    """The clerk's screen: receive the next visitor, and the visits still in their hands."""
    return counter_page(request, VisitOpenForm())


def counter_page(request: HttpRequest, form: VisitOpenForm) -> HttpResponse:
    """The counter screen around `form`: empty here, or re-shown with its errors by filing:visit_open."""
    return render(
        request,
        "filing/counter.html",
        {
            "form": form,
            "priority_reasons": PRIORITY_REASONS,
            "my_visits": visit_list_open_for_user(user=request.user),
            "department_visits": visit_list_open_for_department(user=request.user),
            "helped_drafts": helped_drafts(user=request.user)[:20],
            "panels": COUNTER_PANELS,
        },
    )


@workplace_required("courthall.use_portal")
def portal(request: HttpRequest) -> HttpResponse:
    """My filings: the user's own filings with their state and limits, and the drafts not yet submitted."""
    page = Paginator(portal_filings(user=request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "filing/portal.html",
        {
            "page": page,
            "rows": portal_rows(page.object_list),
            "drafts": portal_drafts(user=request.user)[:20],
            "account": getattr(request.user, "portal_account", None),
            "panels": PORTAL_PANELS,
        },
    )
