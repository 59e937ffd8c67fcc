"""Forms of the clerks' review of online filings: the phone call made when a filing is returned.

The rules (required for an online filing, not in the future, a number that can be dialled) live in
filing.services.filings (_clean_phone_call), whose messages the page shows; the form only parses.
"""

from django import forms
from django.utils import timezone

from filing.forms.filings import StyledForm
from filing.models import Filing, PhoneOutcome
from filing.services.phone_calls import PhoneCallInput

PHONE_TIME_INVALID = "请按“年-月-日 时:分”填写电话通知的时间，如 2026-11-18 10:05。"
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class PhoneCallForm(StyledForm):
    """舞钢规范第七条 (电话通知): when, which number, and what came of it. Prefilled with now and the mobile
    of the person who submitted the filing online."""

    called_at = forms.DateTimeField(
        label="通知时间",
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        error_messages={"invalid": PHONE_TIME_INVALID},
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    number = forms.CharField(label="拨打的号码", required=False, max_length=30)
    outcome = forms.ChoiceField(
        label="通知结果",
        required=False,
        choices=PhoneOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "所选结果不在列表中，请重新选择。"},
    )
    note = forms.CharField(
        label="情况说明",
        required=False,
        max_length=300,
        help_text="未接通的，写明拨打次数或改用的通知方式；结果为“其他”的必填。",
    )

    def __init__(self, *args, filing: Filing, **kwargs):
        filer = filing.submitted_by or filing.owner
        kwargs.setdefault(
            "initial",
            {
                "called_at": timezone.localtime().replace(second=0, microsecond=0),
                "number": getattr(filer, "mobile", "") or "",
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["called_at"].widget.attrs["max"] = timezone.localtime().strftime(DATETIME_LOCAL)

    def as_input(self) -> PhoneCallInput:
        data = self.cleaned_data
        return PhoneCallInput(
            called_at=data["called_at"], number=data["number"], outcome=data["outcome"], note=data["note"]
        )
