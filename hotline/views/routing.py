"""Routing pages (issue 6, part ROUTING): transfer, ask the duty judge, reply; the receivers' inbox, the
duty judge's queue, the overdue list; the 材料收转回执.

Each view: parse the form, fetch through a selector (404 for what the user may not see), check the same
permission as the button (403 with the reason), call one service, redirect; a service's ValidationError
re-shows the form with the message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from courthall.permissions import workplace_required
from hotline import clocks
from hotline.models import TicketKind, TransferKind
from hotline.permissions import (
    can_ask_duty_judge,
    can_reply_transfer,
    can_transfer_ticket,
    can_view_inbox,
    can_view_overdue,
)
from hotline.routing_forms import (
    DutyQuestionForm,
    MaterialFormSet,
    OverdueFilterForm,
    ReplyForm,
    TransferForm,
    filled_materials,
)
from hotline.selectors.routing import (
    clock_rows,
    due_today_ticket_list,
    duty_question_list_for,
    duty_roster_on,
    inbox_open_for,
    inbox_replied_for,
    overdue_ticket_list,
    ticket_transfer_list,
    transfer_get_for_user,
)
from hotline.selectors.tickets import ticket_get_for_user
from hotline.services import routing as services
from notices.views import pdf_response

TRANSFERRED = (
    "工单 {number} 已转交{receiver}，答复期限 {due:%Y年%m月%d日}。您仍是首问负责人，答复到后请回复来电人。"
)
ASKED = "已提请值班法官{judge}答复，答复期限 {due:%Y年%m月%d日}。"
REPLIED = "已答复工单 {number}。首问负责人{agent}将回复来电人。"
MATERIAL_ROWS_INVALID = "收到的材料填写有误，请按各行的提示修改。"
PAGE_SIZE = 50


def _service_error(form, error: ValidationError, page_errors: list[str]) -> None:
    """A service's refusal: next to the field it names when the form has it, else at the top."""
    if not hasattr(error, "error_dict"):
        page_errors.extend(error.messages)
        return
    for field, errors in error.error_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
        else:
            page_errors.extend(message for e in errors for message in e.messages)


@login_required
def ticket_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = ticket_get_for_user(pk=pk, user=request.user)
    if not (decision := can_transfer_ticket(ticket, request.user)):
        raise PermissionDenied(decision.reason)
    data = request.POST if request.method == "POST" else None
    form = TransferForm(data, ticket=ticket)
    with_materials = ticket.kind == TicketKind.MATERIAL_TRANSFER
    materials = MaterialFormSet(data, prefix="materials") if with_materials else None
    page_errors: list[str] = []
    if data is not None and materials is not None and not materials.is_valid():
        page_errors.append(MATERIAL_ROWS_INVALID)
    if data is not None and form.is_valid() and not page_errors:
        try:
            transfer = services.ticket_transfer(
                ticket=ticket,
                user=request.user,
                to_user=form.cleaned_data["to_user"],
                to_department=form.cleaned_data["to_department"],
                note=form.cleaned_data["note"],
                submitter=form.cleaned_data["submitter"],
                materials=filled_materials(materials) if materials is not None else (),
            )
        except ValidationError as error:
            _service_error(form, error, page_errors)
        else:
            receiver = transfer.to_user or transfer.to_department.name
            messages.success(
                request,
                TRANSFERRED.format(number=ticket.number, receiver=receiver, due=transfer.reply_due_on),
            )
            return redirect("hotline:ticket_detail", pk=ticket.pk)
    return render(
        request,
        "hotline/routing/transfer.html",
        {
            "ticket": ticket,
            "form": form,
            "materials": materials,
            "page_errors": page_errors,
            "late": ticket.transfer_due_on is not None and timezone.localdate() > ticket.transfer_due_on,
            # What the service will store if the transfer is made now (hotline.clocks).
            "reply_due_on": clocks.reply_due_on(ticket.kind, timezone.localdate()),
        },
    )


@login_required
def ticket_ask_duty_judge(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = ticket_get_for_user(pk=pk, user=request.user)
    if not (decision := can_ask_duty_judge(ticket, request.user)):
        raise PermissionDenied(decision.reason)
    form = DutyQuestionForm(request.POST if request.method == "POST" else None)
    page_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.ticket_ask_duty_judge(
                ticket=ticket, user=request.user, question=form.cleaned_data["question"]
            )
        except ValidationError as error:
            _service_error(form, error, page_errors)
        else:
            messages.success(request, ASKED.format(judge=transfer.to_user, due=transfer.reply_due_on))
            return redirect("hotline:ticket_detail", pk=ticket.pk)
    today = timezone.localdate()
    return render(
        request,
        "hotline/routing/ask_duty_judge.html",
        {
            "ticket": ticket,
            "form": form,
            "page_errors": page_errors,
            "roster": duty_roster_on(court_id=ticket.court_id, on=today),
        },
    )


@login_required
def transfer_reply(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = transfer_get_for_user(pk=pk, user=request.user)
    if not (decision := can_reply_transfer(transfer, request.user)):
        raise PermissionDenied(decision.reason)
    ticket = transfer.ticket
    appointment = ticket.kind == TicketKind.APPOINTMENT and transfer.kind == TransferKind.TRANSFER
    form = ReplyForm(request.POST if request.method == "POST" else None, appointment=appointment)
    page_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_reply(
                transfer=transfer,
                user=request.user,
                reply=form.cleaned_data["reply"],
                arranged_at=form.cleaned_data.get("arranged_at"),
            )
        except ValidationError as error:
            _service_error(form, error, page_errors)
        else:
            messages.success(request, REPLIED.format(number=ticket.number, agent=ticket.first_responsible))
            return redirect("hotline:duty" if transfer.kind == TransferKind.DUTY_JUDGE else "hotline:inbox")
    return render(
        request,
        "hotline/routing/reply.html",
        {
            "transfer": transfer,
            "ticket": ticket,
            "form": form,
            "page_errors": page_errors,
            "earlier": [t for t in ticket_transfer_list(ticket=ticket) if t.pk != transfer.pk],
            "today": timezone.localdate(),
        },
    )


@login_required
def transfer_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The 材料收转回执 of a material transfer, for whoever may see the ticket (printed for the caller)."""
    transfer = transfer_get_for_user(pk=pk, user=request.user)
    if transfer.receipt is None:
        raise Http404("这件转办没有材料收转回执。")
    return pdf_response(transfer.receipt, as_attachment=request.GET.get("download") == "1")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """热线转办: what the line transferred to me or my department, the earliest due first."""
    if not (decision := can_view_inbox(request.user)):
        raise PermissionDenied(decision.reason)
    return render(
        request,
        "hotline/routing/inbox.html",
        {
            "transfers": Paginator(inbox_open_for(user=request.user), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "replied": inbox_replied_for(user=request.user),
            "today": timezone.localdate(),
        },
    )


@workplace_required("courthall.answer_duty_questions")
def duty(request: HttpRequest) -> HttpResponse:
    """The duty judge's queue: questions the agents put to me, the oldest first, and today's roster."""
    today = timezone.localdate()
    return render(
        request,
        "hotline/routing/duty.html",
        {
            "questions": duty_question_list_for(user=request.user),
            "roster": duty_roster_on(court_id=request.user.court_id, on=today),
            "today": today,
        },
    )


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """超期督办: every ticket whose transfer, reply or answer clock is past (`?clock=`, `?department=`, the
    supervisors' panel links here), and those due today."""
    if not (decision := can_view_overdue(request.user)):
        raise PermissionDenied(decision.reason)
    form = OverdueFilterForm(request.GET, court_id=request.user.court_id)
    clock, department, filter_error = form.filters()
    today = timezone.localdate()
    filters = {"clock": clock, "department_id": department.pk if department else None}
    page = Paginator(overdue_ticket_list(user=request.user, today=today, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    due_today = due_today_ticket_list(user=request.user, today=today, **filters)[:PAGE_SIZE]
    return render(
        request,
        "hotline/routing/overdue.html",
        {
            "form": form,
            "filter_error": filter_error,
            "page": page,
            "rows": clock_rows(page.object_list, today=today),
            "due_today": clock_rows(due_today, today=today),
            "today": today,
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
