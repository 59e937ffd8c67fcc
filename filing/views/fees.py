"""The public fee calculator (/fees/): no sign-in, a GET form, every result a link one can send."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courthall.models import Court, Province
from filing.fees import (
    ACT,
    FEE_KINDS,
    PROVINCE_AMOUNT_RANGES,
    FeeInputError,
    compute_fee,
    fee_schedule_for,
    format_yuan,
)
from filing.forms_fees import DEFAULT_PROVINCE, FeeCalculatorForm


def calculator(request: HttpRequest) -> HttpResponse:
    """`/fees/?kind=property&amount=150000` shows the fee; `court=<法院代字>` picks that court's province.

    Nothing is computed until a kind is chosen; bad input re-renders the form with the message (200).
    """
    court_code = request.GET.get("court", "")
    # PostgreSQL refuses NUL in a query parameter; no court code is longer than the field.
    looks_like_code = court_code.isprintable() and len(court_code) <= Court._meta.get_field("code").max_length
    court = Court.objects.filter(code=court_code).first() if court_code and looks_like_code else None
    default_province = court.province if court else DEFAULT_PROVINCE
    if "kind" in request.GET:
        data = request.GET.copy()
        if not data.get("province"):
            data["province"] = default_province
        form = FeeCalculatorForm(data)
    else:
        form = FeeCalculatorForm(initial={"province": default_province})

    result = None
    province = default_province
    if form.is_bound:
        if form.is_valid():
            try:
                result = compute_fee(**form.cleaned_data)
            except FeeInputError as error:
                form.add_error(error.field, str(error))
        province = form.cleaned_data.get("province", default_province)
    schedule = fee_schedule_for(province)
    return render(
        request,
        "filing/fees.html",
        {
            "form": form,
            "court": court,
            "act": ACT,
            "result": result,
            "result_lines": [(label, format_yuan(value)) for label, value in result.lines] if result else [],
            "total_display": format_yuan(result.total) if result else "",
            "kind_label": FEE_KINDS[result.kind] if result else "",
            "province_label": Province(province).label,
            "schedule_amounts": [
                (schedule._meta.get_field(name).verbose_name, format_yuan(getattr(schedule, name)))
                for name in PROVINCE_AMOUNT_RANGES
            ],
        },
    )
