"""Forms of a portal user's own filing: the online correction checklist and the withdrawal."""

from django import forms
from django.conf import settings

from courthall.uploads import DocumentFileField
from filing.forms.filings import StyledForm, _textarea
from filing.models import CorrectionItem
from filing.services.portal import CorrectionAnswerInput

EXPLANATION_MAX = 1000
REASON_MAX = 500


def _file_help() -> str:
    return f"PDF、JPEG 或 PNG，不超过 {settings.COURTHALL_UPLOAD_MAX_BYTES // (1024 * 1024)} MB"


class CorrectionOnlineForm(StyledForm):
    """One replacement file and one written explanation per item of the correction notice.

    Each file is checked by its content when the form is cleaned (DocumentFileField); whether every item
    has an answer is the service's rule (filing.services.portal.NO_ANSWER), reported for all items at once.
    """

    def __init__(self, *args, items: list[CorrectionItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for n, item in enumerate(items, 1):
            # Added after StyledForm styled the declared fields: styled here.
            file_field = DocumentFileField(
                label=f"第{n}项 补正的文件", required=False, help_text=_file_help()
            )
            file_field.widget.attrs["class"] = "form-control"
            self.fields[f"file_{item.pk}"] = file_field
            self.fields[f"explanation_{item.pk}"] = forms.CharField(
                label=f"第{n}项 补正说明",
                required=False,
                max_length=EXPLANATION_MAX,
                widget=_textarea(2, **{"class": "form-control"}),
            )

    def rows(self):
        """(number, item, file field, explanation field) for the template, in the notice's order."""
        return [
            (n, item, self[f"file_{item.pk}"], self[f"explanation_{item.pk}"])
            for n, item in enumerate(self.items, 1)
        ]

    def answers(self) -> list[CorrectionAnswerInput]:
        return [
            CorrectionAnswerInput(
                item_id=item.pk,
                file=self.cleaned_data.get(f"file_{item.pk}") or None,
                explanation=self.cleaned_data.get(f"explanation_{item.pk}", ""),
            )
            for item in self.items
        ]


class WithdrawOnlineForm(StyledForm):
    reason = forms.CharField(
        label="撤回原因（可不填）",
        required=False,
        max_length=REASON_MAX,
        widget=_textarea(3),
        help_text="例如：双方已经和解。",
    )
