"""Pages of the hall roster for every court staff member (舞钢规范第十三条): the board, my day, the head's
inbox. Five steps each: parse, select, check, one service call, redirect; a service's ValidationError
re-shows the page with its message and nothing saved; PermissionDenied is a 403 with the reason."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from courthall.roster import leave as leave_services
from courthall.roster import services
from courthall.roster.forms import LeaveForm, OutingForm, PostForm, RefuseForm
from courthall.roster.permissions import can_cancel_leave, can_decide_leave, can_use_roster
from courthall.roster.selectors import hall_board, leave_get_for_user, leave_inbox, my_day

SIGNED_IN = "已签到（{at}）。"
SIGNED_OUT = "已签退（{at}）。"
TOOK_POST = "已在{post}上岗。"
LEFT_POST = "已离岗：该岗位在无人接替前显示为无人值守。"
WENT_OUT = "已登记外出，外出登记牌上已显示。请按时返回。"
CAME_BACK = "已登记返回。"
LEAVE_SENT = "请假申请已提交，等待审批。"
LEAVE_CANCELLED = "请假申请已撤回。"
LEAVE_APPROVED = "已批准{person}的请假。"
LEAVE_REFUSED = "已不予批准{person}的请假。"


def staff_required(view: Callable) -> Callable:
    """A visitor goes to the login page; anyone who is not court staff gets a 403 with the reason."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (decision := can_use_roster(request.user)):
            raise PermissionDenied(decision.reason)
        return view(request, *args, **kwargs)

    return wrapped


def _clock(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


@staff_required
def board(request: HttpRequest) -> HttpResponse:
    figures = hall_board(court_id=request.user.court_id, now=timezone.now())
    return render(request, "courthall/roster/board.html", {"board": figures})


def _me_page(request, **forms) -> HttpResponse:
    """My day, with any form the failed action left bound (its errors and what was typed)."""
    user = request.user
    day = my_day(user=user)
    context = {
        "day": day,
        "sign_in_form": PostForm(court_id=user.court_id),
        "take_form": PostForm(court_id=user.court_id, post_required=True),
        "back_form": PostForm(court_id=user.court_id),
        "outing_form": OutingForm(),
        "leave_form": LeaveForm(),
        "cancellable": {leave.pk for leave in day.leave if can_cancel_leave(leave, user)},
        "action_errors": [],
        "may_approve": user.has_perm("courthall.supervise") or user.headed_departments.exists(),
    }
    context.update(forms)
    return render(request, "courthall/roster/me.html", context)


@staff_required
def me(request: HttpRequest) -> HttpResponse:
    return _me_page(request)


def _act(request, call: Callable[[], str], form=None, form_name: str = "") -> HttpResponse:
    """Run one service call (it returns the message to show) once `form` is valid; on a ValidationError
    show my day again with the message next to the form, nothing saved."""
    if form is None or form.is_valid():
        try:
            done = call()
        except ValidationError as error:
            if form is None:
                return _me_page(request, action_errors=error.messages)
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("hall:me")
    return _me_page(request, **{form_name: form})


@require_POST
@staff_required
def sign_in(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST, court_id=request.user.court_id)

    def call() -> str:
        attendance = services.roster_sign_in(user=request.user, post_id=form.post_id)
        return SIGNED_IN.format(at=_clock(attendance.signed_in_at))

    return _act(request, call, form, "sign_in_form")


@require_POST
@staff_required
def take_post(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST, court_id=request.user.court_id, post_required=True)

    def call() -> str:
        holding = services.roster_take_post(user=request.user, post_id=form.post_id)
        return TOOK_POST.format(post=holding.post.name)

    return _act(request, call, form, "take_form")


@require_POST
@staff_required
def leave_post(request: HttpRequest) -> HttpResponse:
    def call() -> str:
        services.roster_leave_post(user=request.user)
        return LEFT_POST

    return _act(request, call)


@require_POST
@staff_required
def sign_out(request: HttpRequest) -> HttpResponse:
    def call() -> str:
        return SIGNED_OUT.format(at=_clock(services.roster_sign_out(user=request.user).signed_out_at))

    return _act(request, call)


@require_POST
@staff_required
def go_out(request: HttpRequest) -> HttpResponse:
    form = OutingForm(request.POST)

    def call() -> str:
        services.roster_go_out(
            user=request.user,
            destination=form.cleaned_data["destination"],
            reason=form.cleaned_data["reason"],
            expected_back_at=form.expected_back_at,
        )
        return WENT_OUT

    return _act(request, call, form, "outing_form")


@require_POST
@staff_required
def come_back(request: HttpRequest) -> HttpResponse:
    form = PostForm(request.POST, court_id=request.user.court_id)

    def call() -> str:
        services.roster_come_back(user=request.user, post_id=form.post_id)
        return CAME_BACK

    return _act(request, call, form, "back_form")


@require_POST
@staff_required
def leave_new(request: HttpRequest) -> HttpResponse:
    form = LeaveForm(request.POST)

    def call() -> str:
        leave_services.leave_request(user=request.user, **form.cleaned_data)
        return LEAVE_SENT

    return _act(request, call, form, "leave_form")


@require_POST
@staff_required
def leave_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    leave = leave_get_for_user(pk=pk, user=request.user)
    if not (decision := can_cancel_leave(leave, request.user)):
        raise PermissionDenied(decision.reason)

    def call() -> str:
        leave_services.leave_cancel(leave=leave, user=request.user)
        return LEAVE_CANCELLED

    return _act(request, call)


@staff_required
def leave_inbox_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courthall/roster/leave_inbox.html",
        {"requests": list(leave_inbox(user=request.user)), "refuse_form": RefuseForm(), "errors": {}},
    )


@require_POST
@staff_required
def leave_decide(request: HttpRequest, pk: int) -> HttpResponse:
    leave = leave_get_for_user(pk=pk, user=request.user)
    if not (decision := can_decide_leave(leave, request.user)):
        raise PermissionDenied(decision.reason)
    person = leave.person.get_full_name()
    try:
        if request.POST.get("decision") == "approve":
            leave_services.leave_approve(leave=leave, user=request.user)
            messages.success(request, LEAVE_APPROVED.format(person=person))
        else:
            form = RefuseForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["reason"])
            leave_services.leave_refuse(leave=leave, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, LEAVE_REFUSED.format(person=person))
    except ValidationError as error:
        return render(
            request,
            "courthall/roster/leave_inbox.html",
            {
                "requests": list(leave_inbox(user=request.user)),
                "refuse_form": RefuseForm(),
                "errors": {leave.pk: error.messages},
            },
        )
    return redirect("hall:leave_inbox")
