"""Forms for court fees: the public calculator, and the admin's form for a province's fee schedule."""

import unicodedata
from decimal import Decimal, InvalidOperation, Overflow

from django import forms

from courthall.models import Province
from filing.fees import (
    ACT,
    AMOUNT_LABEL,
    DAMAGES_LABEL,
    FEE_KINDS,
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    PROPERTY_AMOUNT_LABEL,
    PROVINCE_AMOUNT_RANGES,
    UNKNOWN_KIND,
    UNKNOWN_PROVINCE,
)
from filing.models import FeeSchedule

KIND_REQUIRED = "请选择案件或申请的类别。"
DEFAULT_PROVINCE = Province.HENAN

# What people type for an amount: "15,0000", "１５００００", "150000元", "15万".
# NFKC turns full-width digits, commas and spaces into ASCII ones first.
AMOUNT_SEPARATORS = str.maketrans("", "", ", ")
TEN_THOUSAND = "万"


class AmountField(forms.CharField):
    """An amount in yuan as a party types it; Decimal or None. Signs and ranges are compute_fee's to judge."""

    def to_python(self, value) -> Decimal | None:
        text = unicodedata.normalize("NFKC", super().to_python(value)).translate(AMOUNT_SEPARATORS)
        text = text.removesuffix("元")
        if not text:
            return None
        multiplier = 1
        if text.endswith(TEN_THOUSAND):
            text, multiplier = text.removesuffix(TEN_THOUSAND), 10_000
        try:
            # Overflow: "9e999999万" is past what Decimal arithmetic holds.
            number = Decimal(text) * multiplier
        except (InvalidOperation, Overflow):
            number = None
        if number is None or not number.is_finite():
            raise forms.ValidationError(NOT_A_NUMBER.format(field=self.label), code="invalid")
        return number


class FeeCalculatorForm(forms.Form):
    """The calculator's GET form. Its cleaned_data are compute_fee's keyword arguments."""

    kind = forms.ChoiceField(
        label="案件或申请类别",
        choices=[("", "请选择……"), *FEE_KINDS.items()],
        error_messages={"required": KIND_REQUIRED, "invalid_choice": UNKNOWN_KIND.format(kind="%(value)s")},
    )
    province = forms.ChoiceField(
        label="法院所在省份",
        choices=Province.choices,
        initial=DEFAULT_PROVINCE,
        help_text="离婚、人格权、其他非财产、知识产权（无金额）和执行（无金额）案件按各省标准交纳。",
        error_messages={"invalid_choice": UNKNOWN_PROVINCE.format(province="%(value)s")},
    )
    amount = AmountField(
        label=AMOUNT_LABEL,
        required=False,
        help_text="财产案件填诉讼请求金额；知识产权、执行、保全、支付令、破产案件填相应金额。单位：元，可写“15万”。",
    )
    property_amount = AmountField(
        label=PROPERTY_AMOUNT_LABEL,
        required=False,
        help_text="仅离婚案件填写；超过 20 万元的部分另按 0.5% 交纳。",
    )
    damages = AmountField(
        label=DAMAGES_LABEL, required=False, help_text="仅人格权案件填写；超过 5 万元的部分另行交纳。"
    )
    simplified = forms.BooleanField(label="适用简易程序审理（减半，第十六条）", required=False)
    mediated_or_withdrawn = forms.BooleanField(
        label="以调解方式结案或申请撤诉（减半，第十五条）", required=False
    )
    counterclaim = forms.BooleanField(
        label="反诉、有独立请求权的第三人的请求合并审理（减半，第十八条）", required=False
    )
    wage_claim = forms.BooleanField(label="追索劳动报酬（可不预交，第二十条）", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.BooleanField):
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field, forms.ChoiceField):
                field.widget.attrs["class"] = "form-select form-select-lg"
            else:
                field.widget.attrs.update(
                    {"class": "form-control form-control-lg", "inputmode": "decimal", "autocomplete": "off"}
                )

    def add_error(self, field, error) -> None:
        # Every error passes here, the fields' own and compute_fee's (added by the view): mark the input.
        super().add_error(field, error)
        if field in self.fields:
            self.fields[field].widget.attrs["class"] += " is-invalid"


class FeeScheduleForm(forms.ModelForm):
    """The admin's form: every amount inside the range the Measures allow (art. 13, art. 14(1))."""

    class Meta:
        model = FeeSchedule
        fields = ["province", *PROVINCE_AMOUNT_RANGES]

    def clean(self) -> dict:
        cleaned = super().clean()
        for name, (low, high, article) in PROVINCE_AMOUNT_RANGES.items():
            value = cleaned.get(name)
            if value is not None and not low <= value <= high:
                label = FeeSchedule._meta.get_field(name).verbose_name.split("（")[0]
                message = OUT_OF_RANGE.format(label=label, low=low, high=high, act=ACT, article=article)
                self.add_error(name, message)
        return cleaned
