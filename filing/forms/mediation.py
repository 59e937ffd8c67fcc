"""Forms of pre-filing mediation. They parse; the rules (consent recorded, a mediator named, the limit) are
filing.services.mediation's, whose messages the page shows."""

from django import forms

from filing.forms.filings import CHOICE_INVALID, StyledForm, _textarea
from filing.models import ConsentMethod, MediatorKind
from filing.selectors.mediation import mediators_for_court
from filing.services.mediation import MAX_EXTENSION_DAYS, MediatorInput

DATE_INVALID = "请按“2026-03-05”的格式填写日期。"
DAYS_INVALID = "延长天数须为整数。"

_CONSENT_CHOICES = [("", "（请选择）"), *ConsentMethod.choices]


class MediationStartForm(StyledForm):
    mediator = forms.ModelChoiceField(
        label="名册中的调解人",
        queryset=None,
        required=False,
        empty_label="（不在名册中，手工填写）",
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    mediator_name = forms.CharField(label="调解人姓名或名称", required=False, max_length=100)
    mediator_kind = forms.ChoiceField(
        label="调解人类型",
        required=False,
        choices=[("", "（请选择）"), *MediatorKind.choices],
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    mediator_contact = forms.CharField(label="调解人联系方式", required=False, max_length=100)
    consent_by = forms.CharField(
        label="同意调解的当事人",
        required=False,
        max_length=200,
        help_text="民事诉讼法第一百二十五条：当事人拒绝调解的，不得诉前调解。",
    )
    consent_method = forms.ChoiceField(
        label="同意方式",
        required=False,
        choices=_CONSENT_CHOICES,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    consent_note = forms.CharField(label="说明", required=False, max_length=300)

    def __init__(self, *args, court, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = mediators_for_court(court)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "mediator": MediatorInput(
                mediator=data["mediator"],
                name=data["mediator_name"],
                kind=data["mediator_kind"],
                contact=data["mediator_contact"],
            ),
            "consent_by": data["consent_by"],
            "consent_method": data["consent_method"],
            "consent_note": data["consent_note"],
        }


class MediationExtendForm(StyledForm):
    days = forms.IntegerField(
        label="延长天数",
        min_value=1,
        max_value=MAX_EXTENSION_DAYS,
        error_messages={
            "required": DAYS_INVALID,
            "invalid": DAYS_INVALID,
            "min_value": DAYS_INVALID,
            "max_value": f"延长天数不能超过 {MAX_EXTENSION_DAYS} 日。",
        },
    )
    reason = forms.CharField(label="延长理由", required=False, max_length=300)
    parties_consent = forms.BooleanField(label="双方当事人均同意延长调解期限", required=False)
    consent_by = forms.CharField(label="同意延长的当事人", required=False, max_length=200)
    consent_method = forms.ChoiceField(
        label="同意方式",
        required=False,
        choices=_CONSENT_CHOICES,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )


class MediationSettleForm(StyledForm):
    agreement_on = forms.DateField(
        label="调解协议达成日",
        error_messages={"required": DATE_INVALID, "invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    terms = forms.CharField(label="调解协议内容", required=False, widget=_textarea(6))
    request_confirmation = forms.BooleanField(
        label="双方当事人共同申请司法确认（民事诉讼法第二百零五条）", required=False
    )


class MediationReasonForm(StyledForm):
    reason = forms.CharField(label="原因", required=False, widget=_textarea(3, autofocus=True))
