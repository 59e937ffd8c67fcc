"""Forms of the call log, calls entered by hand and callbacks (issue 6, part CALLS). Field-level parsing only;
the rules (time not in the future, number format, who may answer) are in hotline.services.calls."""

from django import forms
from django.urls import reverse

from courthall.models import User
from hotline.models import CallbackOutcome, CallState

DATETIME_INPUT = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
)
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
SECONDS_INVALID = "请填写 0 或正整数秒数。"


class CallFilterForm(forms.Form):
    on = forms.DateField(
        label="来电日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        error_messages={"invalid": "日期格式应为 年-月-日，如 2026-12-02。"},
    )
    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), *CallState.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    number = forms.CharField(
        label="来电号码",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class CallEnterForm(forms.Form):
    caller_number = forms.CharField(
        label="来电号码",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True}),
    )
    offered_at = forms.DateTimeField(
        label="来电时间",
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DATETIME_INPUT,
        error_messages={"invalid": "来电时间格式不正确，如 2026-12-02 09:30。"},
    )
    answered = forms.TypedChoiceField(
        label="结果",
        choices=[("1", "已接听"), ("0", "未接通（进入回拨名单）")],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": "请选择来电已接听还是未接通。"},
    )
    wait_seconds = forms.IntegerField(
        label="等待秒数",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={"invalid": SECONDS_INVALID, "min_value": SECONDS_INVALID},
    )
    talk_seconds = forms.IntegerField(
        label="通话秒数",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={"invalid": SECONDS_INVALID, "min_value": SECONDS_INVALID},
    )
    agent = forms.ModelChoiceField(
        label="接听坐席",
        queryset=User.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "请从本院工作人员中选择接听坐席。"},
    )
    note = forms.CharField(
        label="备注", required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = User.objects.filter(court_id=user.court_id, is_active=True).order_by(
            "username"
        )
        self.fields["agent"].initial = user.pk
        # htmx: the caller's earlier calls, tickets and filings appear beside the form as the number is typed.
        self.fields["caller_number"].widget.attrs.update(
            {
                "hx-get": reverse("hotline:caller"),
                "hx-trigger": "input changed delay:400ms, change",
                "hx-target": "#caller-lookup-box",
            }
        )


class CallbackForm(forms.Form):
    at = forms.DateTimeField(
        label="回拨时间",
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DATETIME_INPUT,
        error_messages={"invalid": "回拨时间格式不正确，如 2026-12-02 09:30。"},
    )
    number = forms.CharField(
        label="回拨号码",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    outcome = forms.ChoiceField(
        label="回拨结果",
        choices=CallbackOutcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": "请选择回拨结果。", "invalid_choice": "请从列出的回拨结果中选择。"},
    )
    content = forms.CharField(
        label="告知内容",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        help_text="接通时必填：来电人问了什么，告知了什么。",
    )
