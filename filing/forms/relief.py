"""Forms of fee relief (司法救助) and of the ruling on an unpaid fee. They parse; the rules (免交 only for
natural persons, 减交 at least 30 % …) are filing.services.relief's, whose messages the page shows."""

from django import forms

from courthall.uploads import check_upload
from filing.forms.filings import CHOICE_INVALID, StyledForm, _textarea
from filing.models import KeepReason, ReliefGround, ReliefKind
from filing.services.relief import ReliefInput

DATE_INVALID = "请按“2026-03-05”的格式填写日期。"
PERCENT_INVALID = "减交比例须为数字，如 30 或 50。"
NO_DECISION = "请选择准予或不予批准。"


class ReliefForm(StyledForm):
    """The application: who, which relief, the ground of arts. 45–47, the hardship and its proof."""

    applicant = forms.TypedChoiceField(
        label="申请人",
        coerce=int,
        error_messages={"invalid_choice": CHOICE_INVALID, "required": "请选择申请人。"},
    )
    kind = forms.ChoiceField(
        label="申请事项",
        choices=[("", "（请选择）"), *ReliefKind.choices],
        error_messages={"invalid_choice": CHOICE_INVALID, "required": "请选择申请缓交、减交还是免交。"},
        help_text="免交只适用于自然人（诉讼费用交纳办法第四十四条）。",
    )
    ground = forms.ChoiceField(
        label="申请理由（诉讼费用交纳办法第四十五条至第四十七条）",
        choices=[("", "（请选择）"), *ReliefGround.choices],
        error_messages={"invalid_choice": CHOICE_INVALID, "required": "请选择申请理由。"},
    )
    statement = forms.CharField(
        label="经济困难情况说明", required=False, max_length=2000, widget=_textarea(3)
    )
    proof = forms.CharField(
        label="证明材料",
        required=False,
        max_length=300,
        help_text="列明提交的证明材料，如：民政局出具的最低生活保障证明一份。",
    )

    def __init__(self, *args, parties=(), with_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].choices = [
            ("", "（请选择）"),
            *(
                (party.pk, f"{party.name}（{party.get_role_display()}，{party.get_kind_display()}）")
                for party in parties
            ),
        ]
        if with_file:
            self.fields["proof_file"] = forms.FileField(
                label="证明材料文件（PDF 或图片）",
                required=False,
                widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
            )

    def clean_proof_file(self):
        upload = self.cleaned_data.get("proof_file")
        if upload:
            check_upload(upload)
        return upload

    def relief_input(self) -> ReliefInput:
        data = self.cleaned_data
        return ReliefInput(
            applicant_id=data["applicant"],
            kind=data["kind"],
            ground=data["ground"],
            statement=data["statement"],
            proof=data["proof"],
            proof_file=data.get("proof_file") or None,
        )


class ReliefDecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label="审批意见",
        choices=[("grant", "准予"), ("refuse", "不予批准")],
        widget=forms.RadioSelect,
        error_messages={"required": NO_DECISION, "invalid_choice": NO_DECISION},
    )
    percentage = forms.CharField(
        label="减交比例（%）", required=False, max_length=10, help_text="不得低于30%。"
    )
    deferred_to = forms.DateField(
        label="缓交至",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_INVALID},
    )
    reasons = forms.CharField(
        label="不予批准的理由",
        required=False,
        max_length=2000,
        widget=_textarea(3),
        help_text="须书面说明理由（第四十八条）。",
    )


class UnpaidDecisionForm(StyledForm):
    """按撤诉处理, or keep the case with a reason."""

    decision = forms.ChoiceField(
        label="决定",
        choices=[("withdraw", "裁定按撤诉处理"), ("keep", "不按撤诉处理")],
        widget=forms.RadioSelect,
        error_messages={"required": NO_DECISION, "invalid_choice": NO_DECISION},
    )
    reason = forms.ChoiceField(
        label="不按撤诉处理的理由",
        choices=[("", "（请选择）"), *KeepReason.choices],
        required=False,
        error_messages={"invalid_choice": CHOICE_INVALID},
    )
    note = forms.CharField(label="说明", required=False, max_length=500, widget=_textarea(2))
