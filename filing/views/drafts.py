"""The portal's step-by-step filing (网上立案): a draft filled in step by step, saved on every button.

Each step is one server-rendered form. Every button saves what was typed (保存并继续, 保存, 上一步, the step
links, 增加一行, 删除): incomplete entries are kept and listed as warnings; only what cannot be kept at all
(an unknown choice, HTML or script, a file that is not a readable PDF/JPEG/PNG) re-shows the form with its
errors. Somebody else's draft, an unknown step or a forged upload id is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from filing.complaints import complaint_pdf
from filing.models import DraftStep
from filing.permissions import can_change_draft
from filing.selectors.drafts import draft_get_for_user
from filing.services import drafts as services
from filing.views.draft_steps import STEP_VIEWS, STEPS

SUBMITTED = "立案申请已提交（收件第{pk}号），材料收据已出具，请在下方“我的立案”中查看；法院将于{due}审核。"
# 肩并肩: the helping clerk submits for the party and goes on to the filing's review, not to a portal page.
SUBMITTED_FOR_PARTY = (
    "已为当事人{name}提交立案申请（收件第{pk}号），材料收据已送达其诉讼服务网账号；请于{due}审核。"
)
ALREADY_SUBMITTED = "该草稿已提交，请在“我的立案”中查看。"
ALREADY_SUBMITTED_FOR_PARTY = "该草稿已提交，请在网上立案队列中查看。"


def _helping(draft, user) -> bool:
    """The clerk who helps the party with the draft at the counter (肩并肩), not its owner."""
    return draft.helped_by_id == user.pk and draft.owner_id != user.pk


def _already_submitted(request: HttpRequest, draft) -> HttpResponse:
    if _helping(draft, request.user):
        messages.info(request, ALREADY_SUBMITTED_FOR_PARTY)
        return redirect("filing:online_queue")
    messages.info(request, ALREADY_SUBMITTED)
    return redirect("filing:portal")


# --- Entry points ---------------------------------------------------------------------------------


@require_POST
@workplace_required("courthall.use_portal")
def draft_new(request: HttpRequest) -> HttpResponse:
    draft = services.draft_create(user=request.user)
    return redirect("filing:draft_step", pk=draft.pk, step=DraftStep.CASE)


@login_required
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_get_for_user(pk=pk, user=request.user)
    if draft.submitted:
        return _already_submitted(request, draft)
    return redirect("filing:draft_step", pk=draft.pk, step=draft.step)


@login_required
def draft_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    """The 民事起诉状 as the entries now stand, to download and check."""
    draft = draft_get_for_user(pk=pk, user=request.user)
    response = HttpResponse(complaint_pdf(draft), content_type="application/pdf")
    response["Content-Disposition"] = (
        "inline; filename*=UTF-8''%E6%B0%91%E4%BA%8B%E8%B5%B7%E8%AF%89%E7%8A%B6.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_get_for_user(pk=pk, user=request.user)
    try:
        filing = services.draft_submit(draft=draft, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
        if draft.submitted:
            return _already_submitted(request, draft)
        return redirect("filing:draft_step", pk=draft.pk, step=DraftStep.CONFIRM)
    due = f"{filing.online_review_due_on:%Y年%m月%d日}" if filing.online_review_due_on else "近日"
    if _helping(draft, request.user):
        name = draft.owner.get_full_name()
        messages.success(request, SUBMITTED_FOR_PARTY.format(name=name, pk=filing.pk, due=due))
        if filing.court_id == request.user.court_id:
            return redirect("filing:online_review", pk=filing.pk)
        return redirect("filing:counter")  # filed with another court: that court reviews it
    messages.success(request, SUBMITTED.format(pk=filing.pk, due=due))
    return redirect("filing:portal")


@login_required
def draft_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    draft = draft_get_for_user(pk=pk, user=request.user)
    if step not in STEPS:
        raise Http404
    if draft.submitted:
        return _already_submitted(request, draft)
    if not (decision := can_change_draft(draft, request.user)):
        raise PermissionDenied(decision.reason)
    return STEP_VIEWS[step](request, draft)
