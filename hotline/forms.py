"""Forms of the line's tickets: they parse what was typed; the rules and their messages live in
hotline.services.tickets, which the views call with cleaned_data (a service's ValidationError is added to
the form, field by field)."""

from django import forms

from courthall.models import Court
from filing.forms.visits import BootstrapForm
from hotline.models import (
    AppointmentKind,
    CallbackOutcome,
    Satisfaction,
    TicketChannel,
    TicketKind,
    TicketState,
)
from hotline.services.tickets import PORTAL_KINDS

TEXT = {"class": "form-control", "autocomplete": "off"}
SELECT = {"class": "form-select"}


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—— 请选择 ——"), *choices]


class TicketOpenForm(BootstrapForm):
    kind = forms.ChoiceField(
        label="类别", choices=_blank(TicketKind.choices), required=False, widget=forms.Select(SELECT)
    )
    channel = forms.ChoiceField(
        label="渠道", choices=TicketChannel.choices, initial=TicketChannel.PHONE, widget=forms.Select(SELECT)
    )
    caller_name = forms.CharField(
        label="来电（来访）人", max_length=50, required=False, widget=forms.TextInput(TEXT)
    )
    caller_number = forms.CharField(
        label="联系电话", max_length=30, required=False, widget=forms.TextInput({**TEXT, "inputmode": "tel"})
    )
    subject = forms.CharField(label="事项摘要", max_length=200, required=False, widget=forms.TextInput(TEXT))
    request_text = forms.CharField(
        label="诉求内容", required=False, widget=forms.Textarea({"class": "form-control", "rows": 3})
    )
    appointment_kind = forms.ChoiceField(
        label="预约事项（预约类）",
        choices=[("", "——"), *AppointmentKind.choices],
        required=False,
        widget=forms.Select(SELECT),
    )
    # Where the ticket came from, carried through the form (?call= / ?visit=); the view resolves them.
    call = forms.IntegerField(required=False, widget=forms.HiddenInput)
    visit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PortalMessageForm(BootstrapForm):
    court = forms.ModelChoiceField(
        label="留言给",
        queryset=Court.objects.order_by("name"),
        required=False,
        empty_label="—— 请选择法院 ——",
        widget=forms.Select(SELECT),
    )
    kind = forms.ChoiceField(
        label="类别",
        choices=_blank([(kind.value, kind.label) for kind in PORTAL_KINDS]),
        required=False,
        widget=forms.Select(SELECT),
    )
    subject = forms.CharField(label="标题", max_length=200, required=False, widget=forms.TextInput(TEXT))
    text = forms.CharField(
        label="留言内容", required=False, widget=forms.Textarea({"class": "form-control", "rows": 6})
    )


class AnswerOnTheSpotForm(BootstrapForm):
    knowledge_answer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    answer = forms.CharField(
        label="告知来电人的答复",
        required=False,
        widget=forms.Textarea({"class": "form-control", "rows": 5, "id": "id_answer"}),
        help_text="从知识库选用后可修改；诉讼费问题可粘贴诉讼费计算器的结果。",
    )


class CaseQueryForm(BootstrapForm):
    case_number = forms.CharField(
        label="案号",
        max_length=40,
        required=False,
        widget=forms.TextInput({**TEXT, "placeholder": "如：（2026）豫0481民初123号"}),
    )
    name = forms.CharField(
        label="来电人自报姓名", max_length=100, required=False, widget=forms.TextInput(TEXT)
    )
    id_number = forms.CharField(label="证件号码", max_length=40, required=False, widget=forms.TextInput(TEXT))


class CallbackForm(BootstrapForm):
    at = forms.DateTimeField(
        label="回拨时间",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            {"class": "form-control", "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    number = forms.CharField(label="回拨号码", max_length=30, required=False, widget=forms.TextInput(TEXT))
    outcome = forms.ChoiceField(
        label="结果", choices=_blank(CallbackOutcome.choices), required=False, widget=forms.Select(SELECT)
    )
    content = forms.CharField(
        label="告知内容", required=False, widget=forms.Textarea({"class": "form-control", "rows": 3})
    )


class SatisfactionForm(BootstrapForm):
    satisfaction = forms.ChoiceField(
        label="满意度", choices=Satisfaction.choices, required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="回访记录", required=False, widget=forms.Textarea({"class": "form-control", "rows": 2})
    )


class TicketFilterForm(forms.Form):
    """The list's filters: exact values, as the supervisors' panel links them (?state=closed)."""

    state = forms.ChoiceField(label="状态", choices=[("", "全部状态"), *TicketState.choices], required=False)
    kind = forms.ChoiceField(label="类别", choices=[("", "全部类别"), *TicketKind.choices], required=False)
    satisfaction = forms.ChoiceField(
        label="满意度", choices=[("", "全部"), *Satisfaction.choices], required=False
    )
    mine = forms.BooleanField(label="只看我的", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("state", "kind", "satisfaction"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["mine"].widget.attrs["class"] = "form-check-input"
