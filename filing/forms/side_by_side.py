"""肩并肩: the party's details as the clerk types them; the code form is the registration's (CodeForm)."""

from courthall.accounts.forms import PartyRegistrationForm


class SideBySideForm(PartyRegistrationForm):
    """Name, identity number and mobile, checked as at registration; no password: the account opened at
    the counter has none that anybody knows (courthall.accounts.services.portal_party_account_open)."""

    password1 = None
    password2 = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].label = "当事人姓名"
        self.fields["full_name"].help_text = "与身份证一致。"
        self.fields["id_number"].label = "当事人身份证号码"
        self.fields["id_number"].help_text = "请核对当事人出示的身份证原件。"
        self.fields["mobile"].label = "当事人手机号码"
        self.fields[
            "mobile"
        ].help_text = "验证码发到这部手机，由当事人读出或输入；今后的通知和登录也用这个号码。"
