"""Forms of the portal's step-by-step filing (网上立案): one form per step of a Draft.

They parse what was typed and refuse only what cannot be kept (an unknown choice, a text too long, HTML or
script); whether the entries are complete is for draft_problems to say, and submitting to insist on.
The party and agent rows are the counter's forms (filing.forms.filings) with the markup check added.
"""

import functools

from django import forms

from courthall.models import Court
from courthall.uploads import DocumentFileField
from courthall.validators import validate_no_markup
from filing.enforcement import requires_basis
from filing.forms.enforcement import EnforcementBasisForm
from filing.forms.filings import CHOICE_INVALID, AgentForm, FilingForm, PartyForm, StyledForm, _textarea
from filing.models import CaseType, ChecklistItem, PartyRole

OTHER_NAME_REQUIRED = "请填写“其他材料”的名称。"
OTHER_FILE_REQUIRED = "填写了其他材料的名称，请同时选择文件。"
LAWYER_INVALID = "只能选择本所已通过核验的执业律师。"


class MarkupFree:
    """Adds validate_no_markup, labelled, to every text field of the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(functools.partial(validate_no_markup, label=field.label))


class CaseStepForm(MarkupFree, FilingForm):
    """Court, case type, cause, amount, and the filer's 涉营商环境 flag (舞钢规范第七条)."""

    court = forms.ModelChoiceField(
        label="受理法院",
        queryset=Court.objects.order_by("name"),
        required=False,
        empty_label="（请选择）",
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    business_environment = forms.BooleanField(
        label="本案涉及企业（涉营商环境案件）",
        required=False,
        help_text="当事人一方为企业的，请勾选：法院当天审核（舞钢规范第七条）。",
    )

    field_order = ["court", "case_type", "cause", "cause_text", "amount_in_dispute", "business_environment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["claims"], self.fields["facts"]
        # The case types whose materials the portal can take: those with a checklist.
        self.fields["case_type"].queryset = CaseType.objects.filter(
            accepts_filings=True, checklist__isnull=False
        ).distinct()
        self.fields["case_type"].required = False
        self.fields["case_type"].widget.attrs.pop("autofocus", None)


class PartyRowForm(MarkupFree, PartyForm):
    pass


PartyRowsClass = forms.formset_factory(PartyRowForm, extra=0, max_num=50, absolute_max=50)


class AgentRowForm(MarkupFree, AgentForm):
    """An agent row that may be kept unfinished: a missing kind, name or party is a warning of the draft."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("party", "kind", "name"):
            self.fields[name].required = False


class AgentRows(forms.BaseFormSet):
    def __init__(self, *args, party_choices=(), **kwargs):
        self.party_choices = party_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "party_choices": self.party_choices}


AgentRowsClass = forms.formset_factory(AgentRowForm, formset=AgentRows, extra=0, max_num=20, absolute_max=20)


class LawyerAgentForm(StyledForm):
    """A lawyer filing: whom the lawyer represents, with what authority; an intern also chooses the lawyer."""

    lawyer = forms.ModelChoiceField(
        label="代理律师（您为之提交的本所执业律师）",
        queryset=None,
        required=False,
        empty_label="（请选择）",
        error_messages={"invalid_choice": LAWYER_INVALID},
    )
    party = forms.ChoiceField(
        label="被代理人", required=False, error_messages={"invalid_choice": CHOICE_INVALID}
    )
    special_authority = forms.BooleanField(
        label="特别授权（代为承认、放弃、变更诉讼请求，进行和解等）", required=False
    )

    def __init__(self, *args, party_choices=(), lawyers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "（请选择）"), *party_choices]
        if lawyers is None:
            del self.fields["lawyer"]
        else:
            self.fields["lawyer"].queryset = lawyers


class EvidenceRowForm(MarkupFree, StyledForm):
    size = "sm"
    name = forms.CharField(label="证据名称", required=False, max_length=100)
    source = forms.CharField(label="证据来源", required=False, max_length=200)
    purpose = forms.CharField(label="证明目的", required=False, max_length=300)


class WitnessRowForm(MarkupFree, StyledForm):
    size = "sm"
    name = forms.CharField(label="证人姓名", required=False, max_length=50)
    address = forms.CharField(label="证人住所", required=False, max_length=200)


EvidenceRowsClass = forms.formset_factory(EvidenceRowForm, extra=0, max_num=100, absolute_max=100)
WitnessRowsClass = forms.formset_factory(WitnessRowForm, extra=0, max_num=30, absolute_max=30)


class ClaimsForm(MarkupFree, StyledForm):
    claims = forms.CharField(
        label="诉讼请求",
        required=False,
        max_length=5000,
        help_text="每项请求写一行，如“判令被告偿还借款本金150000元”。",
        widget=_textarea(5),
    )
    facts = forms.CharField(label="事实和理由", required=False, max_length=20000, widget=_textarea(8))

    def __init__(self, *args, case_type=None, **kwargs):
        super().__init__(*args, **kwargs)
        if requires_basis(case_type):
            self.fields["claims"].label = "申请执行事项"
            self.fields["claims"].help_text = "每项写一行，如“强制被执行人支付借款本金150000元及利息”。"


class BasisStepForm(MarkupFree, EnforcementBasisForm):
    """执行依据 of an application for enforcement (执), on the claims step."""


class MaterialsForm(StyledForm):
    """One file input per checklist item, the firm letter for a lawyer filing, and one other material."""

    other_name = forms.CharField(
        label="其他材料名称",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "材料名称，如：借条照片", "class": "form-control-sm"}),
    )
    other_file = DocumentFileField(label="其他材料文件", required=False)

    def __init__(self, *args, items: list[ChecklistItem], firm_letter: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["other_name"].validators.append(
            functools.partial(validate_no_markup, label="其他材料名称")
        )
        for item in items:
            self.fields[f"item_{item.pk}"] = DocumentFileField(label=item.name, required=False)
            self.fields[f"item_{item.pk}"].widget.attrs["class"] = "form-control form-control-sm"
        if firm_letter:
            self.fields["firm_letter"] = DocumentFileField(label="律师事务所函", required=False)
            self.fields["firm_letter"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["other_file"].widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        cleaned = super().clean()
        name, file = cleaned.get("other_name", "").strip(), cleaned.get("other_file")
        if file and not name:
            self.add_error("other_name", OTHER_NAME_REQUIRED)
        if name and not file and "other_file" not in self.errors:
            self.add_error("other_file", OTHER_FILE_REQUIRED)
        return cleaned

    def files_to_store(self) -> list[tuple]:
        """(file, name, checklist item) for every file chosen."""
        chosen = []
        for item in self.items:
            if file := self.cleaned_data.get(f"item_{item.pk}"):
                chosen.append((file, item.name, item))
        if file := self.cleaned_data.get("firm_letter"):
            chosen.append((file, "律师事务所函", None))
        if file := self.cleaned_data.get("other_file"):
            chosen.append((file, self.cleaned_data["other_name"].strip(), None))
        return chosen


def party_row_initial(index: int, rows: list[dict]) -> dict:
    """A new party row: 原告 if there is none yet, otherwise 被告."""
    has_plaintiff = any(isinstance(row, dict) and row.get("role") == PartyRole.PLAINTIFF for row in rows)
    return {"role": PartyRole.DEFENDANT if has_plaintiff else PartyRole.PLAINTIFF, "kind": "person"}
