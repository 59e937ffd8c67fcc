from django.contrib.auth.forms import AuthenticationForm

# One message for a wrong password and for a user who does not exist: the page must not tell them apart.
INVALID_LOGIN = "用户名或密码不正确。请注意密码区分大小写。"
INACTIVE_LOGIN = INVALID_LOGIN


class LoginForm(AuthenticationForm):
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": INACTIVE_LOGIN}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update(
            {"autofocus": True, "class": "form-control form-control-lg"}
        )
        self.fields["password"].widget.attrs.update({"class": "form-control form-control-lg"})
