"""Forms of routing (issue 6, part ROUTING): parse what the agent or the judge typed; the rules live in
hotline.services.routing, whose messages the fields reuse."""

from django import forms

from courthall.models import Department, User
from filing.forms.visits import BootstrapForm
from hotline.selectors.routing import CLOCK_LABELS, transfer_departments, transfer_judges
from hotline.services.routing import (
    QUESTION_REQUIRED,
    REPLY_REQUIRED,
    TRANSFER_NOTE_REQUIRED,
    MaterialInput,
)

# A crafted or stale choice: a person or department of another court, someone who is not a judge.
TRANSFER_CHOICE_UNAVAILABLE = (
    "所选的接收人或部门不在可转办的名单中：只能转交给本院在岗的承办法官或本院的部门，请从列表中选择。"
)
MATERIAL_NAME_REQUIRED = "请填写材料名称。"
COUNT_INVALID = "份数、页数须为正整数。"
ARRANGED_AT_INVALID = "请按“2026-03-05 09:30”的格式填写安排的时间。"
FILTER_INVALID = "筛选条件无效（{what}），已显示全部超期事项。"


class TransferForm(BootstrapForm):
    to_user = forms.ModelChoiceField(
        label="转交给法官",
        queryset=User.objects.none(),
        required=False,
        empty_label="（不转交给个人）",
        error_messages={"invalid_choice": TRANSFER_CHOICE_UNAVAILABLE},
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "autofocus": True}),
    )
    to_department = forms.ModelChoiceField(
        label="或者转交给部门",
        queryset=Department.objects.none(),
        required=False,
        empty_label="（不转交给部门）",
        error_messages={"invalid_choice": TRANSFER_CHOICE_UNAVAILABLE},
        widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
    )
    note = forms.CharField(
        label="转交说明",
        error_messages={"required": TRANSFER_NOTE_REQUIRED},
        widget=forms.Textarea(
            attrs={
                "class": "form-control",
                "rows": 4,
                "placeholder": "来电人的诉求、已了解的情况、需要对方办理的事项",
            }
        ),
    )
    submitter = forms.CharField(
        label="提交材料人",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, ticket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = transfer_judges(court_id=ticket.court_id)
        self.fields["to_user"].label_from_instance = _judge_label
        self.fields["to_department"].queryset = transfer_departments(court_id=ticket.court_id)
        self.fields["to_department"].label_from_instance = lambda department: department.name
        if not self.is_bound:
            self.initial.setdefault("submitter", ticket.caller_name)


class MaterialForm(forms.Form):
    """One material a caller handed in for the judge (材料收转)."""

    name = forms.CharField(
        label="材料名称",
        max_length=100,
        error_messages={"required": MATERIAL_NAME_REQUIRED},
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    copies = forms.IntegerField(
        label="份数",
        min_value=1,
        initial=1,
        error_messages={"min_value": COUNT_INVALID, "invalid": COUNT_INVALID, "required": COUNT_INVALID},
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1}),
    )
    pages = forms.IntegerField(
        label="页数",
        min_value=1,
        initial=1,
        error_messages={"min_value": COUNT_INVALID, "invalid": COUNT_INVALID, "required": COUNT_INVALID},
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1}),
    )
    is_original = forms.BooleanField(
        label="原件", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )

    def as_input(self) -> MaterialInput:
        data = self.cleaned_data
        return MaterialInput(
            name=data["name"], copies=data["copies"], pages=data["pages"], is_original=data["is_original"]
        )


MaterialFormSet = forms.formset_factory(MaterialForm, extra=4, max_num=50)


def filled_materials(formset) -> list[MaterialInput]:
    """The rows the agent typed in (an untouched row is no material)."""
    return [form.as_input() for form in formset.forms if form.has_changed()]


class DutyQuestionForm(BootstrapForm):
    question = forms.CharField(
        label="提请值班法官答复的问题",
        error_messages={"required": QUESTION_REQUIRED},
        widget=forms.Textarea(
            attrs={
                "class": "form-control",
                "rows": 4,
                "autofocus": True,
                "placeholder": "来电人问的是什么、坐席员为什么不能直接答复",
            }
        ),
    )


class ReplyForm(BootstrapForm):
    reply = forms.CharField(
        label="答复内容",
        error_messages={"required": REPLY_REQUIRED},
        widget=forms.Textarea(
            attrs={
                "class": "form-control",
                "rows": 5,
                "autofocus": True,
                "placeholder": "请写明答复来电人的内容",
            }
        ),
    )
    arranged_at = forms.DateTimeField(
        label="安排的时间",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": ARRANGED_AT_INVALID},
        widget=forms.DateTimeInput(
            attrs={"class": "form-control", "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text="预约事项（如阅卷）请写明安排的日期和时刻。",
    )

    def __init__(self, *args, appointment: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not appointment:
            del self.fields["arranged_at"]


class OverdueFilterForm(forms.Form):
    clock = forms.ChoiceField(
        label="时限",
        required=False,
        choices=[("", "全部"), *CLOCK_LABELS.items()],
        widget=forms.Select(attrs={"class": "form-select w-auto"}),
    )
    department = forms.ModelChoiceField(
        label="部门",
        required=False,
        queryset=Department.objects.none(),
        empty_label="全部部门",
        widget=forms.Select(attrs={"class": "form-select w-auto"}),
    )

    def __init__(self, *args, court_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = transfer_departments(court_id=court_id)
        self.fields["department"].label_from_instance = lambda department: department.name

    def filters(self) -> tuple[str | None, Department | None, str]:
        """(clock, department, message): the valid filters, and what was wrong with the others."""
        self.is_valid()
        problems = [self.fields[name].label for name in self.errors]
        data = getattr(self, "cleaned_data", {})
        message = FILTER_INVALID.format(what="、".join(problems)) if problems else ""
        return data.get("clock") or None, data.get("department"), message


def _judge_label(user: User) -> str:
    return f"{user} · {user.department.name}" if user.department_id else str(user)
