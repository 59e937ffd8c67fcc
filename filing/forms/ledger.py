"""Forms of the fee ledger. They parse; the rules (not more than is owed, a reference not entered twice, a
date not in the future …) are filing.services.ledger's, whose messages the page shows all at once."""

from django import forms

from filing.forms.enforcement import DATE_INVALID
from filing.forms.filings import CHOICE_INVALID, StyledForm, _textarea
from filing.models import PaymentMethod, RefundReason

DECISION_REQUIRED = "请选择批准或不予批准。"


def _yuan_field(label: str) -> forms.CharField:
    """An amount in yuan, kept as text: filing.services.ledger parses it and says what is wrong."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "0.00"}),
    )


class PaymentForm(StyledForm):
    amount = _yuan_field("交费金额（元）")
    method = forms.ChoiceField(
        label="交费方式",
        choices=[("", "（请选择）"), *PaymentMethod.choices],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    reference = forms.CharField(
        label="交易流水号",
        required=False,
        max_length=60,
        help_text="银行回单、POS 签购单或网上缴费记录上的流水号。",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    payer = forms.CharField(label="交款人", required=False, max_length=100)
    paid_on = forms.DateField(
        label="交费日期",
        required=False,
        error_messages={"invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RefundForm(StyledForm):
    amount = _yuan_field("退费金额（元）")
    reason = forms.ChoiceField(
        label="退费原因",
        choices=[("", "（请选择）"), *RefundReason.choices],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    note = forms.CharField(
        label="说明",
        required=False,
        max_length=500,
        help_text="如：撤诉裁定书案号和日期、变更后的诉讼请求金额。",
        widget=_textarea(2),
    )


class RefundDecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label="审批",
        choices=[("approve", "批准"), ("reject", "不予批准")],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    note = forms.CharField(
        label="审批意见",
        required=False,
        max_length=500,
        help_text="不予批准的须写明理由。",
        widget=_textarea(2),
    )

    def clean_decision(self) -> str:
        if not self.cleaned_data["decision"]:
            raise forms.ValidationError(DECISION_REQUIRED)
        return self.cleaned_data["decision"]
