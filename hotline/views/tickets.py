"""Tickets at the line: the agent's workbench, the ticket list and page, and the actions on a ticket.

Each view: parse the form, fetch through a selector (404 for what the user may not see), check the same
permission as the button (403 with the reason), call one service, redirect; a service's ValidationError
re-shows the page with the message next to the field and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from courthall.permissions import workplace_required
from filing.models import Visit
from filing.selectors.case_queries import case_information
from hotline.forms import (
    AnswerOnTheSpotForm,
    CallbackForm,
    CaseQueryForm,
    PortalMessageForm,
    SatisfactionForm,
    TicketFilterForm,
    TicketOpenForm,
)
from hotline.models import Call, CallState, TicketKind
from hotline.permissions import (
    can_act_on_ticket,
    can_answer_by_callback,
    can_answer_hotline,
    can_answer_on_the_spot,
    can_leave_portal_message,
    can_list_tickets,
    can_open_ticket,
    can_query_case,
    can_record_satisfaction,
    can_refer_to_lawyer,
    can_take_ticket,
)
from hotline.selectors.knowledge import knowledge_answer_get_for_user, knowledge_search
from hotline.selectors.tickets import (
    call_current_for_agent,
    ticket_get_for_page,
    ticket_get_for_user,
    ticket_list_for_user,
    ticket_open_count_for_agent,
    ticket_queue_for_agent,
    ticket_unassigned_portal_messages,
)
from hotline.services import tickets as services

TICKET_OPENED = "已受理工单 {number}（{kind}）。您是首问负责人。"
TICKET_TAKEN = "已接单 {number}，由您首问负责。"
TICKET_ANSWERED = "工单 {number} 已当场答复办结。"
TICKET_REFERRED = "工单 {number} 已告知来电人向律师咨询，办结。"
CASE_IDENTIFIED = "身份核实：来电人是案件 {case_number} 的当事人或代理人，可以告知案件信息。"
CASE_REFUSED = "未能核实身份：未告知案件信息。请向来电人宣读页面上的说明。"
CALLBACK_CLOSED = "已回复来电人，工单 {number} 办结。请稍后回访满意度。"
CALLBACK_NOT_REACHED = "回拨未接通（{outcome}），已记录；工单仍在办理中，请再次回拨。"
SATISFACTION_RECORDED = "已记录回访：{satisfaction}。"
PORTAL_MESSAGE_LEFT = "留言已提交给{court}，编号 {number}。工作人员会通过您账号的手机号码回复您。"


# --- the workbench and the new-ticket form ------------------------------------------------------------


@workplace_required("courthall.answer_hotline")
def home(request: HttpRequest) -> HttpResponse:
    """The agent's workbench: the call they are on, the new-ticket form, their queue."""
    call = call_current_for_agent(user=request.user)
    return render(request, "hotline/tickets/workbench.html", _workbench_context(request, call=call))


def _workbench_context(
    request: HttpRequest, *, call: Call | None, form: TicketOpenForm | None = None
) -> dict:
    if form is None:
        initial = {"call": call.pk, "caller_number": call.caller_number} if call else {}
        form = TicketOpenForm(initial=initial)
    return {
        "call": call,
        "form": form,
        "queue": ticket_queue_for_agent(user=request.user),
        "queue_total": ticket_open_count_for_agent(user=request.user),
        "unassigned": ticket_unassigned_portal_messages(user=request.user),
        "today": timezone.localdate(),
    }


@login_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    """Open a ticket; from a call (?call=) or a counter visit (?visit=) its source is carried along."""
    if not (decision := can_open_ticket(request.user)):
        raise PermissionDenied(decision.reason)
    data = request.POST if request.method == "POST" else None
    call = _call_for(request, (data or request.GET).get("call"))
    visit = _visit_for(request, (data or request.GET).get("visit"))
    initial = {}
    if call:
        initial = {"call": call.pk, "caller_number": call.caller_number, "channel": "phone"}
    if visit:
        initial = {
            "visit": visit.pk,
            "caller_name": visit.visitor_name,
            "caller_number": visit.visitor_phone,
            "channel": "counter",
        }
    form = TicketOpenForm(data, initial=initial)
    if data is not None and form.is_valid():
        values = {key: value for key, value in form.cleaned_data.items() if key not in ("call", "visit")}
        try:
            ticket = services.ticket_open(user=request.user, call=call, visit=visit, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, TICKET_OPENED.format(number=ticket.number, kind=ticket.get_kind_display())
            )
            return redirect("hotline:ticket_detail", pk=ticket.pk)
    return render(
        request,
        "hotline/tickets/new.html",
        {"form": form, "call": call, "visit": visit, "at_line": can_answer_hotline(request.user)},
    )


def _call_for(request: HttpRequest, value) -> Call | None:
    """An answered call of the user's court (404 otherwise: another court's call does not exist here)."""
    if not value:
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(
        Call.objects.filter(state__in=[CallState.TALKING, CallState.ANSWERED]),
        pk=pk,
        court_id=request.user.court_id,
    )


def _visit_for(request: HttpRequest, value) -> Visit | None:
    if not value:
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Visit, pk=pk, court_id=request.user.court_id)


# --- portal messages ------------------------------------------------------------------------------------


@workplace_required("courthall.use_portal")
def portal_message(request: HttpRequest) -> HttpResponse:
    form = PortalMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.portal_message_leave(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, PORTAL_MESSAGE_LEFT.format(court=ticket.court.name, number=ticket.number)
            )
            return redirect("filing:portal")
    return render(
        request,
        "hotline/tickets/portal_message.html",
        {"form": form, "allowed": can_leave_portal_message(request.user)},
    )


# --- the list and the ticket page ---------------------------------------------------------------------


@login_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    if not (decision := can_list_tickets(request.user)):
        raise PermissionDenied(decision.reason)
    form = TicketFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    tickets = ticket_list_for_user(
        user=request.user,
        state=filters.get("state", ""),
        kind=filters.get("kind", ""),
        satisfaction=filters.get("satisfaction", ""),
        mine=filters.get("mine", False),
    )
    return render(
        request,
        "hotline/tickets/list.html",
        {
            "form": form,
            "page": Paginator(tickets, 50).get_page(request.GET.get("page")),
            "today": timezone.localdate(),
        },
    )


@login_required
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = ticket_get_for_page(pk=pk, user=request.user)
    return _ticket_page(request, ticket)


def _ticket_page(request: HttpRequest, ticket, status: int = 200, **forms) -> HttpResponse:
    """The ticket page; `forms` replaces a blank form by the bound one that failed."""
    user = request.user
    knowledge_answer = ticket.knowledge_answer
    forms.setdefault("answer_form", AnswerOnTheSpotForm())
    forms.setdefault("case_query_form", CaseQueryForm(initial={"name": ticket.caller_name}))
    forms.setdefault(
        "callback_form",
        CallbackForm(
            initial={
                "at": timezone.localtime().replace(second=0, microsecond=0),
                "number": ticket.caller_number,
            }
        ),
    )
    forms.setdefault("satisfaction_form", SatisfactionForm())
    case_queries = list(ticket.case_queries.all())
    return render(
        request,
        "hotline/tickets/detail.html",
        {
            "ticket": ticket,
            "knowledge_answer": knowledge_answer,
            "case": case_information(ticket.filing) if ticket.filing_id else None,
            "case_queries": case_queries,
            "last_case_query": case_queries[-1] if case_queries else None,
            "may": {
                "act": can_act_on_ticket(ticket, user),
                "take": can_take_ticket(ticket, user),
                "answer": can_answer_on_the_spot(ticket, user),
                "refer": can_refer_to_lawyer(ticket, user),
                "query": can_query_case(ticket, user),
                "callback": can_answer_by_callback(ticket, user),
                "satisfaction": can_record_satisfaction(ticket, user),
            },
            "is_fee_question": ticket.kind == TicketKind.CONSULTATION,
            "today": timezone.localdate(),
            **forms,
        },
        status=status,
    )


# --- actions on a ticket: each POST re-renders the page on bad input ------------------------------------


def _ticket_for_action(request: HttpRequest, pk: int, check):
    ticket = ticket_get_for_user(pk=pk, user=request.user)
    if not (decision := check(ticket, request.user)):
        raise PermissionDenied(decision.reason)
    return ticket


def _failed(request: HttpRequest, pk: int, form_name: str, form) -> HttpResponse:
    return _ticket_page(request, ticket_get_for_page(pk=pk, user=request.user), **{form_name: form})


@require_POST
@login_required
def ticket_take(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_for_action(request, pk, can_take_ticket)
    ticket = services.ticket_take(ticket=ticket, user=request.user)
    messages.success(request, TICKET_TAKEN.format(number=ticket.number))
    return redirect("hotline:ticket_detail", pk=ticket.pk)


@require_POST
@login_required
def ticket_answer(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_for_action(request, pk, can_answer_on_the_spot)
    form = AnswerOnTheSpotForm(request.POST)
    if form.is_valid():
        knowledge_answer = None
        if form.cleaned_data["knowledge_answer"]:
            knowledge_answer = knowledge_answer_get_for_user(
                pk=form.cleaned_data["knowledge_answer"], user=request.user
            )
            if knowledge_answer is None:
                form.add_error("knowledge_answer", services.KNOWLEDGE_ANSWER_UNAVAILABLE)
        if form.is_valid():
            try:
                ticket = services.ticket_answer_on_the_spot(
                    ticket=ticket,
                    user=request.user,
                    answer=form.cleaned_data["answer"],
                    knowledge_answer=knowledge_answer,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, TICKET_ANSWERED.format(number=ticket.number))
                return redirect("hotline:ticket_detail", pk=ticket.pk)
    return _failed(request, pk, "answer_form", form)


@require_POST
@login_required
def ticket_refer(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_for_action(request, pk, can_refer_to_lawyer)
    ticket = services.ticket_refer_to_lawyer(ticket=ticket, user=request.user)
    messages.success(request, TICKET_REFERRED.format(number=ticket.number))
    return redirect("hotline:ticket_detail", pk=ticket.pk)


@require_POST
@login_required
def ticket_case_query(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_for_action(request, pk, can_query_case)
    form = CaseQueryForm(request.POST)
    if form.is_valid():
        try:
            query = services.ticket_query_case(ticket=ticket, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if query.filing_id:
                messages.success(request, CASE_IDENTIFIED.format(case_number=query.case_number))
            else:
                messages.warning(request, CASE_REFUSED)
            return redirect("hotline:ticket_detail", pk=ticket.pk)
    return _failed(request, pk, "case_query_form", form)


@require_POST
@login_required
def ticket_callback(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_for_action(request, pk, can_answer_by_callback)
    form = CallbackForm(request.POST)
    if form.is_valid():
        try:
            callback = services.ticket_answer_by_callback(
                ticket=ticket, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if callback.outcome == "reached":
                messages.success(request, CALLBACK_CLOSED.format(number=ticket.number))
            else:
                messages.warning(request, CALLBACK_NOT_REACHED.format(outcome=callback.get_outcome_display()))
            return redirect("hotline:ticket_detail", pk=ticket.pk)
    return _failed(request, pk, "callback_form", form)


@require_POST
@login_required
def ticket_satisfaction(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket_for_action(request, pk, can_record_satisfaction)
    form = SatisfactionForm(request.POST)
    if form.is_valid():
        try:
            ticket = services.ticket_record_satisfaction(
                ticket=ticket, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, SATISFACTION_RECORDED.format(satisfaction=ticket.get_satisfaction_display())
            )
            return redirect("hotline:ticket_detail", pk=ticket.pk)
    return _failed(request, pk, "satisfaction_form", form)


@workplace_required("courthall.answer_hotline")
def knowledge_search_fragment(request: HttpRequest) -> HttpResponse:
    """htmx: the approved answers matching ?q= (also a plain page without JS)."""
    q = request.GET.get("q", "").strip()
    template = "hotline/tickets/_knowledge_results.html"
    return render(
        request,
        template if request.headers.get("HX-Request") else "hotline/tickets/knowledge.html",
        {"q": q, "answers": knowledge_search(user=request.user, q=q), "results_template": template},
    )
