"""The public verify page's two forms: a code typed from paper, and the PDF a visitor holds."""

import hashlib
import re
import unicodedata

from django import forms

from notices.services import VERIFICATION_ALPHABET, VERIFICATION_CODE_LENGTH

CODE_INVALID = f"验证码由 {VERIFICATION_CODE_LENGTH} 位数字和字母组成，请对照文书核对后重新输入。"
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_TOO_LARGE = "文件超过 10 MB，不是本院出具的文书。"
UPLOAD_REQUIRED = "请选择要核对的 PDF 文件。"

_CODE_PATTERN = re.compile(f"[{VERIFICATION_ALPHABET}]{{{VERIFICATION_CODE_LENGTH}}}")


def normalize_code(value: str) -> str:
    """As people type a code: any case, full-width from a Chinese input method, spaces or hyphens."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", value)).upper()


def is_well_formed_code(code: str) -> bool:
    return bool(_CODE_PATTERN.fullmatch(code))


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label="验证码",
        max_length=40,
        error_messages={"required": "请输入文书上的验证码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if not is_well_formed_code(code):
            raise forms.ValidationError(CODE_INVALID)
        return code


class VerifyUploadForm(forms.Form):
    pdf = forms.FileField(
        label="您持有的文书 PDF 文件",
        error_messages={"required": UPLOAD_REQUIRED, "empty": "文件是空的。"},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(UPLOAD_TOO_LARGE)
        return upload

    def sha256(self) -> str:
        """The SHA-256 of the uploaded file, read in chunks (call after is_valid())."""
        digest = hashlib.sha256()
        for chunk in self.cleaned_data["pdf"].chunks():
            digest.update(chunk)
        return digest.hexdigest()
