"""确认生效: the clerk records the check of an application for enforcement's 执行依据 (钢城承诺四)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from courthall.permissions import workplace_required
from filing.forms.enforcement import EffectivenessForm
from filing.models import CheckSource
from filing.permissions import can_confirm_effectiveness
from filing.selectors.enforcement import enforcement_panel
from filing.selectors.filings import filing_get_for_user
from filing.services.enforcement import enforcement_confirm
from filing.views.common import next_url, require

EFFECTIVE_CONFIRMED = "已记录：执行依据已生效。现在可以立案。"
NOT_EFFECTIVE_RECORDED = "已记录：执行依据尚未生效，暂不能立案。"


def effectiveness_initial(panel) -> dict:
    """A check of this court's own judgment starts from this court's own system."""
    if panel is not None and panel.own_instrument:
        return {"source": CheckSource.OWN_SYSTEM}
    return {}


def inline_effectiveness_form(filing, panel, user) -> EffectivenessForm | None:
    """The 确认生效 form a filing's page (or its online review screen) shows beside the 执行依据, when
    `user` may record the check; else None."""
    if panel is None or not can_confirm_effectiveness(filing, user):
        return None
    return EffectivenessForm(initial=effectiveness_initial(panel))


@workplace_required("courthall.review_filings")
def filing_effectiveness(request: HttpRequest, pk: int) -> HttpResponse:
    """The check's form (also inline on the filing page); a refused entry comes back here with every
    message and what was typed."""
    filing = filing_get_for_user(pk=pk, user=request.user)
    panel = enforcement_panel(filing)
    if request.method == "POST":
        form = EffectivenessForm(request.POST)
    else:
        require(can_confirm_effectiveness(filing, request.user))
        form = EffectivenessForm(initial=effectiveness_initial(panel))
    if form.is_valid():
        try:
            basis = enforcement_confirm(filing=filing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, EFFECTIVE_CONFIRMED if basis.confirmed else NOT_EFFECTIVE_RECORDED)
            return redirect(next_url(request) or reverse("filing:filing_detail", args=[filing.pk]))
    return render(
        request,
        "filing/filings/effectiveness.html",
        {"filing": filing, "panel": panel, "form": form, "next": next_url(request)},
    )
