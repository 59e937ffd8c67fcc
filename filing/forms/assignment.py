"""The supervisor's reassignment form: a judge of the court and a written reason.

The judge is parsed as a number, not as a choice among the court's judges: the rules (another court's
judge, a judge on leave or not taking cases) live in filing.services.assignment, whose messages say why.
"""

from django import forms

from filing.forms.filings import StyledForm, _textarea
from filing.services.assignment import JUDGE_REQUIRED, REASON_REQUIRED


class ReassignForm(StyledForm):
    judge = forms.IntegerField(
        label="承办法官", error_messages={"required": JUDGE_REQUIRED, "invalid": JUDGE_REQUIRED}
    )
    reason = forms.CharField(
        label="理由",
        max_length=500,
        error_messages={"required": REASON_REQUIRED},
        help_text="如：原承办法官回避、长期病假、案件与其在办案件系关联案件等。理由记入流程记录。",
        widget=_textarea(3),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "请选择")]
        options += [
            (choice.pk, choice.label + (f" — {choice.refusal}" if choice.refusal else ""))
            for choice in choices
        ]
        self.fields["judge"].widget = forms.Select(choices=options, attrs={"class": "form-select"})
