"""Forms of applications for enforcement (执): the 执行依据 at the counter and on the portal, and the
clerk's check of its effectiveness. They parse; the rules (a case number in the right form, a date not in
the future …) are filing.enforcement's and the services', whose messages the page shows."""

import dataclasses

from django import forms

from filing.enforcement import EnforcementBasisInput, basis_input_from_draft
from filing.forms.filings import CHOICE_INVALID, StyledForm, _textarea
from filing.models import CheckSource, Effectiveness, InstrumentKind

DATE_INVALID = "请按“2026-03-05”的格式填写日期。"


class EnforcementBasisForm(StyledForm):
    """执行依据: which instrument, its case number, who made it, when it took effect. No certificate of
    effectiveness is asked for (钢城承诺四): the clerk checks that in the case system."""

    instrument = forms.ChoiceField(
        label="文书种类",
        choices=[("", "（请选择）"), *InstrumentKind.choices],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    basis_case_number = forms.CharField(
        label="执行依据案号",
        required=False,
        max_length=60,
        help_text="如（2025）豫0481民初123号，括号可用半角；仲裁裁决、公证债权文书填写文书编号。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "（2025）豫0481民初123号"}),
    )
    issuer = forms.CharField(
        label="作出法院（机构）",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "如：舞钢市人民法院"}),
    )
    effective_on = forms.DateField(
        label="生效日期",
        required=False,
        help_text="不清楚生效日期的，填写文书作出日期。",
        error_messages={"invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @staticmethod
    def initial_from_draft(data) -> dict:
        """The form's initial values from a portal draft's data (filing.enforcement.DRAFT_KEY)."""
        basis = basis_input_from_draft(data) or EnforcementBasisInput()
        return {
            "instrument": basis.instrument,
            "basis_case_number": basis.case_number,
            "issuer": basis.issuer,
            "effective_on": basis.effective_on,
        }

    def as_draft_row(self) -> dict:
        """What a portal draft keeps: the input as JSON (the date as an ISO string)."""
        row = dataclasses.asdict(self.as_input())
        row["effective_on"] = row["effective_on"].isoformat() if row["effective_on"] else ""
        return {name: (value or "").strip() for name, value in row.items()}

    def as_input(self) -> EnforcementBasisInput:
        data = self.cleaned_data
        return EnforcementBasisInput(
            instrument=data["instrument"],
            case_number=data["basis_case_number"],
            issuer=data["issuer"],
            effective_on=data["effective_on"],
        )


class EffectivenessForm(StyledForm):
    """确认生效: what the clerk found, where, and why (the reason is required when not effective)."""

    result = forms.ChoiceField(
        label="核实结果",
        choices=[(Effectiveness.EFFECTIVE.value, "已生效"), (Effectiveness.NOT_EFFECTIVE.value, "未生效")],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    source = forms.ChoiceField(
        label="核实途径",
        choices=[("", "（请选择）"), *CheckSource.choices],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    note = forms.CharField(
        label="核实情况说明",
        required=False,
        max_length=500,
        help_text="未生效的须写明原因；也可记下生效日期、二审案号等。",
        widget=_textarea(2),
    )
