"""The call log, calls entered by hand, the callback list, the caller lookup and the telephony push endpoint
(issue 6, part CALLS). Each page: parse, select (404 for what the user may not see), check the permission
(403 with the reason), one service, render or redirect."""

import contextlib
import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from courthall.validators import validate_phone
from hotline.call_forms import CallbackForm, CallEnterForm, CallFilterForm
from hotline.models import CallbackOutcome
from hotline.permissions import can_enter_call, can_log_callback, can_view_calls
from hotline.selectors.calls import (
    call_callbacks,
    call_get_for_user,
    call_history,
    call_list,
    callback_list,
    caller_lookup,
)
from hotline.services import calls as services
from hotline.services import telephony

CALL_ENTERED = "已登记来电 {number}（{state}）。"
CALLBACK_REACHED = "已回拨 {number} 并接通，这通未接来电已移出回拨名单。"
CALLBACK_NOT_REACHED = "已记录回拨 {number}（{outcome}）。未接通，仍在回拨名单上，请稍后再拨。"
CALLS_PER_PAGE = 50
# The callback list is worked from the top (most urgent first); a line with more missed calls than this
# has a staffing problem that the supervisors' panel shows.
CALLBACK_LIST_LIMIT = 200


def calls_page(view):
    """Sign in first; then the line's agents and supervisors (can_view_calls), anyone else 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (decision := can_view_calls(request.user)):
            raise PermissionDenied(decision.reason)
        return view(request, *args, **kwargs)

    return wrapped


@csrf_exempt
@require_POST
def telephony_events(request: HttpRequest) -> JsonResponse:
    """The telephony system pushes offered / answered / ended; a Bearer token names the court."""
    try:
        court = telephony.telephony_court(request.headers.get("Authorization", ""))
        try:
            payload = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise telephony.TelephonyRefused(400, telephony.BODY_NOT_JSON) from None
        event = telephony.telephony_event_parse(court=court, payload=payload)
        call, result = telephony.telephony_event_record(court=court, event=event, payload=payload)
    except telephony.TelephonyRefused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    return JsonResponse({"result": result, "call_id": call.call_id, "state": call.state})


@calls_page
def call_list_page(request: HttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    calls = call_list(
        user=request.user,
        on=filters.get("on"),
        state=filters.get("state", ""),
        number=filters.get("number", "").strip(),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hotline/calls/list.html",
        {
            "form": form,
            "calls": Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
            "may_enter": can_enter_call(request.user),
        },
    )


@workplace_required("courthall.answer_hotline")
def call_new(request: HttpRequest) -> HttpResponse:
    form = CallEnterForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_enter(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, CALL_ENTERED.format(number=call.caller_number, state=call.get_state_display())
            )
            return redirect("hotline:call_detail", pk=call.pk)
    return render(request, "hotline/calls/new.html", {"form": form})


@calls_page
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get_for_user(pk=pk, user=request.user)
    return render(
        request,
        "hotline/calls/detail.html",
        {
            "call": call,
            "callbacks": call_callbacks(call),
            "history": call_history(call),
            "events": list(call.events.all()),
            "may_call_back": can_log_callback(call, request.user),
            "lookup": caller_lookup(user=request.user, number=call.caller_number, exclude_pk=call.pk),
        },
    )


@calls_page
def callbacks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hotline/calls/callbacks.html",
        {
            "calls": callback_list(user=request.user)[:CALLBACK_LIST_LIMIT],
            "today": timezone.localdate(),
            "may_call_back": can_enter_call(request.user),
        },
    )


@workplace_required("courthall.answer_hotline")
def call_callback(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_get_for_user(pk=pk, user=request.user)
    if not (decision := can_log_callback(call, request.user)):
        raise PermissionDenied(decision.reason)
    form = CallbackForm(
        request.POST or None,
        initial={"number": call.caller_number, "at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            callback = services.callback_log(call=call, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if callback.outcome == CallbackOutcome.REACHED:
                messages.success(request, CALLBACK_REACHED.format(number=callback.number))
            else:
                messages.warning(
                    request,
                    CALLBACK_NOT_REACHED.format(
                        number=callback.number, outcome=callback.get_outcome_display()
                    ),
                )
            return redirect("hotline:callbacks")
    return render(
        request,
        "hotline/calls/callback.html",
        {
            "call": call,
            "form": form,
            "callbacks": call_callbacks(call),
            "lookup": caller_lookup(user=request.user, number=call.caller_number, exclude_pk=call.pk),
        },
    )


@calls_page
def caller(request: HttpRequest) -> HttpResponse:
    """An htmx fragment: the number's earlier calls, tickets and filings. `caller_number` is what the
    call form's field sends; a number written with spaces or +86 is looked up as stored."""
    number = (request.GET.get("number") or request.GET.get("caller_number") or "").strip()
    # An invalid number is looked up as typed: an odd number may still be on an old record.
    with contextlib.suppress(ValidationError):
        number = validate_phone(number) if number else ""
    lookup = caller_lookup(user=request.user, number=number) if number else None
    return render(request, "hotline/calls/_caller.html", {"lookup": lookup})


def _add_errors(form, error: ValidationError) -> None:
    """A service's errors by field, next to the field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)
