"""Registration and verification forms: parse what was typed; uniqueness and codes are the services'."""

from django import forms
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from courthall.accounts.services import REJECT_REASON_REQUIRED
from courthall.models import PortalAccountKind, User, validate_licence_number
from courthall.uploads import DocumentFileField
from courthall.validators import (
    FULL_WIDTH_TO_ASCII,
    validate_mobile,
    validate_no_markup,
    validate_resident_id,
)

FULL_NAME_REQUIRED = "请填写真实姓名（与身份证一致）。"
PASSWORD_MISMATCH = "两次输入的密码不一致。"
FIRM_REQUIRED = "请填写执业（实习）所在的律师事务所。"
LICENCE_NUMBER_REQUIRED = "请填写律师执业证号。"
LICENCE_COPY_REQUIRED = "请上传律师执业证的照片或扫描件（复印件即可）。"
INTERN_CERTIFICATE_NUMBER_REQUIRED = "请填写实习证编号。"
INTERN_CERTIFICATE_REQUIRED = "请上传申请律师执业人员实习证的照片或扫描件。"
FIRM_LETTER_REQUIRED = "请上传律师事务所出具的、载明您姓名的律师事务所函。"
CODE_REQUIRED = "请填写短信验证码。"
CODE_SHAPE = "验证码是 6 位数字。"
MOBILE_REQUIRED = "请填写注册时使用的手机号码。"
PASSWORD_HELP = "至少 8 位，不能全是数字，不要与姓名、手机号相近。"

TEXT = {"class": "form-control"}


def new_password_field(label: str, help_text: str = "") -> forms.CharField:
    """One of a password typed twice (password1, password2), checked by `check_new_password`."""
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={**TEXT, "autocomplete": "new-password"}),
    )


def check_new_password(form: forms.Form, *, user: User) -> None:
    """The two passwords must match and pass Django's validators (AUTH_PASSWORD_VALIDATORS, in Chinese)."""
    password1, password2 = form.cleaned_data.get("password1"), form.cleaned_data.get("password2")
    if not (password1 and password2):
        return
    if password1 != password2:
        form.add_error("password2", ValidationError(PASSWORD_MISMATCH, code="mismatch"))
        return
    try:
        validate_password(password1, user=user)
    except ValidationError as error:
        form.add_error("password1", error)


class BootstrapMixin:
    """Refuses HTML or script in every text field but passwords (courthall.validators.validate_no_markup),
    and marks a field with an error `is-invalid` so that Bootstrap shows its message under the input."""

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound:
            self._refuse_markup()
        self._mark_invalid()

    def _refuse_markup(self) -> None:
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            if isinstance(field.widget, forms.PasswordInput) or not isinstance(value, str):
                continue
            try:
                validate_no_markup(value, str(field.label or name))
            except ValidationError as error:
                self.add_error(name, error)

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in self.errors if self.is_bound else ():
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class PartyRegistrationForm(BootstrapMixin, forms.Form):
    kind = PortalAccountKind.PARTY

    full_name = forms.CharField(
        label="真实姓名",
        max_length=50,
        error_messages={"required": FULL_NAME_REQUIRED},
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "name", "autofocus": True}),
    )
    id_number = forms.CharField(
        label="身份证号码", max_length=40, widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"})
    )
    mobile = forms.CharField(
        label="手机号码",
        max_length=30,
        help_text="用于接收验证码和法院通知，也是您登录时的用户名。",
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "tel", "inputmode": "tel"}),
    )
    password1 = new_password_field("设置密码", help_text=PASSWORD_HELP)
    password2 = new_password_field("再次输入密码")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The model validators speak for themselves; an empty field is "请填写…" in the same words.
        for name in ("id_number", "mobile"):
            self.fields[name].required = False

    def clean_full_name(self) -> str:
        return self.cleaned_data["full_name"].strip()

    def clean_id_number(self) -> str:
        return validate_resident_id(self.cleaned_data["id_number"])

    def clean_mobile(self) -> str:
        return validate_mobile(self.cleaned_data["mobile"])

    def clean(self) -> dict:
        data = super().clean()
        check_new_password(
            self, user=User(username=data.get("mobile", ""), full_name=data.get("full_name", ""))
        )
        return data

    def files_by_field(self) -> dict:
        """The uploaded copies, by PortalAccount field."""
        return {}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": self.kind,
            "full_name": data["full_name"],
            "id_number": data["id_number"],
            "mobile": data["mobile"],
            "password_hash": make_password(data["password1"]),
            "files": self.files_by_field(),
        }


class LawyerRegistrationForm(PartyRegistrationForm):
    kind = PortalAccountKind.LAWYER

    firm = forms.CharField(
        label="执业机构（律师事务所）",
        max_length=100,
        error_messages={"required": FIRM_REQUIRED},
        widget=forms.TextInput(attrs=TEXT),
    )
    licence_number = forms.CharField(
        label="律师执业证号",
        max_length=40,
        help_text="17 位数字，见执业证内页。",
        error_messages={"required": LICENCE_NUMBER_REQUIRED},
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    licence_copy = DocumentFileField(
        label="律师执业证（照片或扫描件）",
        help_text="拍照或扫描即可，不需要提交原件。支持 PDF、JPG、PNG。",
        error_messages={"required": LICENCE_COPY_REQUIRED},
        widget=forms.FileInput(attrs=TEXT),
    )

    def clean_firm(self) -> str:
        return self.cleaned_data["firm"].strip()

    def clean_licence_number(self) -> str:
        number = "".join(self.cleaned_data["licence_number"].translate(FULL_WIDTH_TO_ASCII).split())
        validate_licence_number(number)
        return number

    def files_by_field(self) -> dict:
        return {"licence_copy": self.cleaned_data["licence_copy"]}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {**super().service_kwargs(), "firm": data["firm"], "licence_number": data["licence_number"]}


class InternRegistrationForm(PartyRegistrationForm):
    kind = PortalAccountKind.INTERN

    firm = forms.CharField(
        label="实习所在律师事务所",
        max_length=100,
        error_messages={"required": FIRM_REQUIRED},
        widget=forms.TextInput(attrs=TEXT),
    )
    intern_certificate_number = forms.CharField(
        label="实习证编号",
        max_length=40,
        error_messages={"required": INTERN_CERTIFICATE_NUMBER_REQUIRED},
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    intern_certificate = DocumentFileField(
        label="申请律师执业人员实习证（照片或扫描件）",
        help_text="拍照或扫描即可，不需要提交原件。支持 PDF、JPG、PNG。",
        error_messages={"required": INTERN_CERTIFICATE_REQUIRED},
        widget=forms.FileInput(attrs=TEXT),
    )
    firm_letter = DocumentFileField(
        label="律师事务所函",
        help_text="律师事务所出具、载明您姓名的函（照片或扫描件）。",
        error_messages={"required": FIRM_LETTER_REQUIRED},
        widget=forms.FileInput(attrs=TEXT),
    )

    clean_firm = LawyerRegistrationForm.clean_firm

    def clean_intern_certificate_number(self) -> str:
        return "".join(self.cleaned_data["intern_certificate_number"].translate(FULL_WIDTH_TO_ASCII).split())

    def files_by_field(self) -> dict:
        data = self.cleaned_data
        return {"intern_certificate": data["intern_certificate"], "firm_letter": data["firm_letter"]}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_kwargs(),
            "firm": data["firm"],
            "intern_certificate_number": data["intern_certificate_number"],
        }


REGISTRATION_FORMS = {
    PortalAccountKind.PARTY: PartyRegistrationForm,
    PortalAccountKind.LAWYER: LawyerRegistrationForm,
    PortalAccountKind.INTERN: InternRegistrationForm,
}


class CodeForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label="短信验证码",
        max_length=6,
        min_length=6,
        error_messages={"required": CODE_REQUIRED, "min_length": CODE_SHAPE, "max_length": CODE_SHAPE},
        widget=forms.TextInput(
            attrs={**TEXT, "inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].translate(FULL_WIDTH_TO_ASCII).strip()
        if not code.isdigit():
            raise ValidationError(CODE_SHAPE, code="shape")
        return code


class PasswordCodeRequestForm(BootstrapMixin, forms.Form):
    """Setting a password, first step: the mobile the account was registered (or opened) with."""

    mobile = forms.CharField(
        label="手机号码",
        max_length=30,
        help_text="即登录用户名。律师、实习律师和当事人适用；法院工作人员的密码由系统管理员重置。",
        error_messages={"required": MOBILE_REQUIRED},
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "tel", "inputmode": "tel", "autofocus": True}),
    )

    def clean_mobile(self) -> str:
        return validate_mobile(self.cleaned_data["mobile"])


class PasswordSetForm(CodeForm):
    """Setting a password, second step: the code texted to the mobile and the new password twice."""

    password1 = new_password_field("新密码", help_text=PASSWORD_HELP)
    password2 = new_password_field("再次输入新密码")

    def __init__(self, *args, mobile: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.mobile = mobile

    def clean(self) -> dict:
        data = super().clean()
        # Every portal user's username is their mobile: the same check as at registration, and the same
        # answer whether or not the mobile has an account.
        check_new_password(self, user=User(username=self.mobile))
        return data


class VerifyForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label="核验备注（可不填）",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "如：已与司法行政机关公示信息核对"}),
    )


class RejectForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label="不予通过的理由",
        max_length=500,
        error_messages={"required": REJECT_REASON_REQUIRED},
        widget=forms.Textarea(attrs={**TEXT, "rows": 2, "placeholder": "如：执业证照片不清晰，请重新上传"}),
    )
