"""Forms of the first-contact log: parse what the clerk typed; the rules live in filing.services.visits,
whose messages the fields reuse so the clerk reads one wording whichever layer notices."""

from django import forms

from courthall.models import Department, User
from filing.models import VisitMatter, VisitState
from filing.selectors.visits import visit_handover_candidates, visit_handover_departments
from filing.services.visits import (
    HANDOVER_PARTY_NOT_INFORMED,
    HANDOVER_REASON_REQUIRED,
    MATTER_REQUIRED,
    MATTER_UNKNOWN,
    OUTCOME_REQUIRED,
    VISITOR_NAME_REQUIRED,
)

# A crafted or stale choice: someone of another court, an inactive account, oneself.
HANDOVER_CHOICE_UNAVAILABLE = (
    "所选的接收人或部门不在可移交的名单中：只能移交给本院在岗的窗口工作人员、负责人或本院的部门，"
    "请从列表中选择。"
)
# What a clerk types most often as the reason for priority (钢城承诺五: 年老、残疾或有特殊需求的群众).
PRIORITY_REASONS = ("老年人", "残疾人", "孕妇", "怀抱婴幼儿", "行动不便", "病患", "其他特殊需要")


class BootstrapForm(forms.Form):
    """Marks a field that has an error `is-invalid`, whichever layer found it: Bootstrap shows the message
    under an input only then. The view adds a service's ValidationError with add_error(None, …)."""

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class VisitOpenForm(BootstrapForm):
    visitor_name = forms.CharField(
        label="来访人姓名",
        max_length=50,
        error_messages={"required": VISITOR_NAME_REQUIRED},
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autofocus": True,
                "accesskey": "n",
                "autocomplete": "off",
            }
        ),
    )
    matter = forms.ChoiceField(
        label="来访事项",
        choices=VisitMatter.choices,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"required": MATTER_REQUIRED, "invalid_choice": MATTER_UNKNOWN},
    )
    visitor_phone = forms.CharField(
        label="联系电话",
        required=False,
        max_length=30,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg", "inputmode": "tel", "autocomplete": "off"}
        ),
    )
    visitor_id_number = forms.CharField(
        label="证件号码",
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "off",
                "placeholder": "身份证、护照、通行证等",
            }
        ),
    )
    priority = forms.BooleanField(
        label="优先办理",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input", "role": "switch"}),
    )
    priority_reason = forms.CharField(
        label="优先原因",
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "list": "priority-reasons",
                "autocomplete": "off",
                "placeholder": "如：老年人、残疾人",
            }
        ),
    )
    note = forms.CharField(
        label="情况记录",
        required=False,
        widget=forms.Textarea(
            attrs={"class": "form-control", "rows": 2, "placeholder": "来访人的诉求、已作的答复等"}
        ),
    )


class VisitHandoverForm(BootstrapForm):
    to_user = forms.ModelChoiceField(
        label="移交给同事",
        queryset=User.objects.none(),
        required=False,
        empty_label="（不移交给个人）",
        error_messages={"invalid_choice": HANDOVER_CHOICE_UNAVAILABLE},
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "autofocus": True}),
    )
    to_department = forms.ModelChoiceField(
        label="或者移交给部门",
        queryset=Department.objects.none(),
        required=False,
        empty_label="（不移交给部门）",
        error_messages={"invalid_choice": HANDOVER_CHOICE_UNAVAILABLE},
        widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
    )
    reason = forms.CharField(
        label="移交原因",
        error_messages={"required": HANDOVER_REASON_REQUIRED},
        widget=forms.Textarea(
            attrs={"class": "form-control", "rows": 3, "placeholder": "为什么移交、需要对方办理什么"}
        ),
    )
    party_informed = forms.BooleanField(
        label="已向当事人说明情况",
        error_messages={"required": HANDOVER_PARTY_NOT_INFORMED},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, user, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = visit_handover_candidates(user=user, visit=visit)
        self.fields["to_user"].label_from_instance = _colleague_label
        self.fields["to_department"].queryset = visit_handover_departments(visit=visit)
        self.fields["to_department"].label_from_instance = lambda department: department.name


class VisitCloseForm(BootstrapForm):
    outcome = forms.CharField(
        label="办理结果",
        error_messages={"required": OUTCOME_REQUIRED},
        widget=forms.Textarea(
            attrs={
                "class": "form-control",
                "rows": 4,
                "autofocus": True,
                "placeholder": "为来访人办了什么、答复了什么、下一步怎么办",
            }
        ),
    )


class VisitFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="状态",
        choices=[("", "全部"), *VisitState.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _colleague_label(user: User) -> str:
    return f"{user} · {user.department.name}" if user.department_id else str(user)
