"""Input of the hall roster pages: Chinese messages; the services check the rules (overlap, times)."""

from datetime import datetime

from django import forms
from django.utils import timezone

from courthall.roster.models import LeaveKind, Post
from courthall.supervision import local_at

NO_POST = "请选择岗位。"
BAD_TIME = "时间格式不正确，请按“16:30”的格式填写。"
BAD_DATETIME = "时间格式不正确，请按“2026-03-05 08:30”的格式填写。"

_INPUT = {"class": "form-control"}


class PostForm(forms.Form):
    """Choose one of the court's active posts (another court's, a stopped one: not offered, not accepted)."""

    post = forms.ModelChoiceField(
        label="岗位",
        queryset=Post.objects.none(),
        required=False,
        empty_label="（不在大厅岗位）",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "该岗位不存在或已停用，请重新选择。"},
    )

    def __init__(self, *args, court_id: int, post_required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["post"]
        field.queryset = Post.objects.filter(court_id=court_id, active=True).order_by("order", "name")
        field.required = post_required
        field.error_messages["required"] = NO_POST

    @property
    def post_id(self) -> int | None:
        post = self.cleaned_data.get("post")
        return post.pk if post else None


class OutingForm(forms.Form):
    destination = forms.CharField(
        label="去向",
        max_length=100,
        widget=forms.TextInput(attrs={**_INPUT, "placeholder": "如：市中级人民法院"}),
    )
    reason = forms.CharField(
        label="事由", max_length=200, widget=forms.TextInput(attrs={**_INPUT, "placeholder": "如：送达卷宗"})
    )
    expected_back = forms.TimeField(
        label="预计返回时间（今天）",
        widget=forms.TimeInput(format="%H:%M", attrs={**_INPUT, "type": "time"}),
        error_messages={"invalid": BAD_TIME},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("destination", "reason", "expected_back"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label.split('（')[0]}。"

    @property
    def expected_back_at(self) -> datetime:
        return local_at(timezone.localdate(), self.cleaned_data["expected_back"])


_DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={**_INPUT, "type": "datetime-local"})


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(
        label="假别", choices=LeaveKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    starts_at = forms.DateTimeField(
        label="开始时间", widget=_DATETIME, error_messages={"invalid": BAD_DATETIME}
    )
    ends_at = forms.DateTimeField(
        label="结束时间", widget=_DATETIME, error_messages={"invalid": BAD_DATETIME}
    )
    reason = forms.CharField(label="事由", max_length=500, widget=forms.Textarea(attrs={**_INPUT, "rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages.update(
            required="请选择假别。", invalid_choice="请选择假别（事假、病假、年休假、调休或其他）。"
        )
        for name in ("starts_at", "ends_at", "reason"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}。"


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="不予批准的理由",
        max_length=500,
        widget=forms.Textarea(attrs={**_INPUT, "rows": 2}),
        error_messages={"required": "不予批准的，请写明理由。"},
    )
