"""Portal accounts through the HTTP client: registration of each kind with its SMS code, what is refused,
the clerks' verification and who may see the copies."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from courthall.accounts.forms import LICENCE_COPY_REQUIRED, PASSWORD_MISMATCH
from courthall.accounts.permissions import ALREADY_VERIFIED
from courthall.accounts.services import (
    ID_NUMBER_TAKEN,
    INTERN_CERTIFICATE_TAKEN,
    LICENCE_NUMBER_TAKEN,
    MOBILE_TAKEN,
    REJECT_REASON_REQUIRED,
    portal_account_verify,
)
from courthall.accounts.views import SESSION_KEY
from courthall.models import LICENCE_NUMBER_INVALID, PortalAccount, PortalAccountKind, SmsMessage
from courthall.roles import INTERN_LAWYER, JUDGE, LAWYER, PARTY
from courthall.sms import CODE_TOO_SOON, CODE_WRONG
from courthall.validators import RESIDENT_ID_CHECK
from tests.factories import PortalAccountFactory, PortalUserFactory, UserFactory

MORNING = datetime(2026, 3, 16, 1, 30, tzinfo=UTC)  # 9:30 in Shanghai
PASSWORD = "Hongqi-2026-qu"
MOBILE = "13812345678"
ID_NUMBER = "410423198807150018"
LICENCE_NUMBER = "14104201510000099"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clerk(demo_users):
    return demo_users["wg_clerk"]


def png(name: str = "张三执业证.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str = "律所函.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def details(**overrides) -> dict:
    data = {
        "full_name": "钱多多",
        "id_number": ID_NUMBER,
        "mobile": MOBILE,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **overrides}


def lawyer_details(**overrides) -> dict:
    return details(
        **{"firm": "河南某某律师事务所", "licence_number": LICENCE_NUMBER, "licence_copy": png(), **overrides}
    )


def intern_details(**overrides) -> dict:
    return details(
        **{
            "firm": "河南某某律师事务所",
            "intern_certificate_number": "豫实习2026000123",
            "intern_certificate": png("实习证.png"),
            "firm_letter": pdf(),
            **overrides,
        }
    )


def code_sent_to(mobile: str) -> str:
    text = SmsMessage.objects.filter(mobile=mobile).order_by("-pk").first().text
    return re.search(r"验证码为 (\d{6})", text).group(1)


def page_of(response) -> str:
    return response.content.decode()


def register(client, kind: str, data: dict):
    """Both steps, as a person does them: the form, then the code read from the SMS."""
    response = client.post(reverse("accounts:register", args=[kind]), data)
    assert response.status_code == 302, page_of(response)
    assert response["Location"] == reverse("accounts:register_confirm")
    return client.post(reverse("accounts:register_confirm"), {"code": code_sent_to(MOBILE)})


# --- Registration -----------------------------------------------------------------------------------------


def test_the_choice_page_offers_the_three_kinds(client, db):
    response = client.get(reverse("accounts:register_choose"))

    page = page_of(response)
    for kind in PortalAccountKind:
        assert reverse("accounts:register", args=[kind.value]) in page
    assert "注册律师账号" in page and "注册实习律师账号" in page and "注册当事人账号" in page


def test_a_party_registers_and_can_file_at_once(client, db, clock):
    first = client.post(reverse("accounts:register", args=["party"]), details(mobile="138 1234 5678"))
    assert first.status_code == 302
    assert PortalAccount.objects.count() == 0  # nothing before the code
    pending = client.session[SESSION_KEY]
    assert PASSWORD not in str(pending) and pending["password_hash"].startswith("md5$")

    confirm = client.get(reverse("accounts:register_confirm"))
    assert "138****5678" in page_of(confirm)
    response = client.post(reverse("accounts:register_confirm"), {"code": code_sent_to(MOBILE)})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    account = PortalAccount.objects.select_related("user").get()
    user = account.user
    assert (account.kind, account.id_number, account.mobile_confirmed_at) == ("party", ID_NUMBER, MORNING)
    assert (user.username, user.mobile, user.full_name, user.court) == (MOBILE, MOBILE, "钱多多", None)
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [PARTY.group_name]
    assert account.can_submit
    assert client.session[AUTH_SESSION_KEY] == str(user.pk)
    assert SESSION_KEY not in client.session
    assert account.history.count() == 1


def test_a_lawyer_registers_and_waits_for_verification(client, db, clock):
    response = register(client, "lawyer", lawyer_details())

    assert response.status_code == 302
    account = PortalAccount.objects.get()
    assert (account.kind, account.firm, account.licence_number) == (
        "lawyer",
        "河南某某律师事务所",
        LICENCE_NUMBER,
    )
    assert list(account.user.groups.values_list("name", flat=True)) == [LAWYER.group_name]
    assert account.mobile_confirmed_at and not account.can_submit
    # The stored name says nothing about the person: the uploaded name is gone.
    assert re.fullmatch(r"portal/[0-9a-f]{32}\.png", account.licence_copy.name)

    own = client.get(reverse("accounts:account_file", args=[account.pk, "licence_copy"]))
    assert own.status_code == 200
    assert own["Content-Type"] == "image/png"
    assert own["Content-Disposition"] == "inline"
    assert b"".join(own.streaming_content).startswith(b"\x89PNG")


def test_an_intern_registers_with_certificate_and_firm_letter(client, db, clock):
    register(client, "intern", intern_details())

    account = PortalAccount.objects.get()
    assert account.kind == "intern" and account.intern_certificate_number == "豫实习2026000123"
    assert list(account.user.groups.values_list("name", flat=True)) == [INTERN_LAWYER.group_name]
    assert account.intern_certificate.name.endswith(".png")
    assert account.firm_letter.name.endswith(".pdf")
    assert account.supervising_lawyer is None
    assert not account.can_submit


def test_a_lawyer_without_the_licence_copy_is_told_so(client, db):
    data = lawyer_details()
    del data["licence_copy"]

    response = client.post(reverse("accounts:register", args=["lawyer"]), data)

    assert response.status_code == 200
    assert LICENCE_COPY_REQUIRED in page_of(response)
    assert SmsMessage.objects.count() == 0


@pytest.mark.parametrize("number", ["1410420151000009", "141042015100000999", "1410420151000009X"])
def test_a_licence_number_must_be_17_digits(client, db, number):
    response = client.post(
        reverse("accounts:register", args=["lawyer"]), lawyer_details(licence_number=number)
    )

    assert LICENCE_NUMBER_INVALID in page_of(response)
    assert SmsMessage.objects.count() == 0


def test_a_licence_number_typed_in_full_width_with_spaces_is_accepted(client, db, clock):
    register(client, "lawyer", lawyer_details(licence_number="１４１０４ ２０１５１ ０００００９９"))

    assert PortalAccount.objects.get().licence_number == LICENCE_NUMBER


def test_an_invalid_id_number_and_mismatched_passwords_are_refused_in_chinese(client, db):
    response = client.post(
        reverse("accounts:register", args=["party"]),
        details(id_number="410481198503120033", password2="something-else"),
    )

    page = page_of(response)
    assert RESIDENT_ID_CHECK in page and PASSWORD_MISMATCH in page
    assert SmsMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("party", {"mobile": "13700000001"}, MOBILE_TAKEN),
        ("party", {"id_number": "410481199001010014"}, ID_NUMBER_TAKEN),
        ("lawyer", {"licence_number": "14104201510000001"}, LICENCE_NUMBER_TAKEN),
        ("intern", {"intern_certificate_number": "豫实习2026000001"}, INTERN_CERTIFICATE_TAKEN),
    ],
)
def test_details_another_account_holds_are_refused(client, db, kind, data, message):
    PortalAccountFactory(
        user=PortalUserFactory(mobile="13700000001", username="13700000001"),
        kind=PortalAccountKind.LAWYER,
        id_number="410481199001010014",
        licence_number="14104201510000001",
    )
    PortalAccountFactory(kind=PortalAccountKind.INTERN, intern_certificate_number="豫实习2026000001")
    form_data = {"party": details, "lawyer": lawyer_details, "intern": intern_details}[kind](**data)

    response = client.post(reverse("accounts:register", args=[kind]), form_data)

    assert response.status_code == 200
    assert message in page_of(response)
    assert SmsMessage.objects.count() == 0
    assert PortalAccount.objects.count() == 2


def test_details_taken_while_the_code_was_on_its_way_are_refused_at_the_second_step(client, db, clock):
    client.post(reverse("accounts:register", args=["party"]), details())
    PortalAccountFactory(id_number=ID_NUMBER)

    response = client.post(reverse("accounts:register_confirm"), {"code": code_sent_to(MOBILE)})

    assert response.status_code == 200
    assert ID_NUMBER_TAKEN in page_of(response)
    assert PortalAccount.objects.count() == 1


def test_a_wrong_code_is_refused_and_nothing_is_created(client, db, clock):
    client.post(reverse("accounts:register", args=["party"]), details())
    wrong = f"{(int(code_sent_to(MOBILE)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts:register_confirm"), {"code": wrong})

    assert response.status_code == 200
    assert CODE_WRONG % {"left": 4} in page_of(response)
    assert PortalAccount.objects.count() == 0
    assert SESSION_KEY in client.session


def test_asking_again_for_a_code_at_once_is_refused_then_allowed(client, db, clock):
    client.post(reverse("accounts:register", args=["party"]), details())

    too_soon = client.post(reverse("accounts:register_confirm"), {"resend": "1"}, follow=True)
    assert CODE_TOO_SOON % {"seconds": 60} in page_of(too_soon)

    clock.shift(timedelta(seconds=60))
    again = client.post(reverse("accounts:register_confirm"), {"resend": "1"})
    assert again.status_code == 302
    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 2
    response = client.post(reverse("accounts:register_confirm"), {"code": code_sent_to(MOBILE)})
    assert response.status_code == 302 and PortalAccount.objects.count() == 1


def test_the_second_step_without_the_first_goes_back_to_the_start(client, db):
    response = client.get(reverse("accounts:register_confirm"))

    assert response.status_code == 302 and response["Location"] == reverse("accounts:register_choose")


def test_markup_in_a_name_or_firm_is_refused_and_nothing_is_stored(client, db):
    response = client.post(
        reverse("accounts:register", args=["lawyer"]),
        lawyer_details(full_name='<script>alert("x")</script>钱', firm="<b>律所</b>"),
    )
    page = page_of(response)
    assert response.status_code == 200
    assert "“真实姓名”中不能含有网页代码或脚本（如“&lt;s”）" in page
    assert "“执业机构（律师事务所）”中不能含有网页代码或脚本（如“&lt;b”）" in page
    assert "<script>alert" not in page
    assert not PortalAccount.objects.exists() and not SmsMessage.objects.exists()


def test_a_less_than_sign_in_a_text_and_any_password_are_accepted(client, db):
    data = lawyer_details(firm="甲<乙律师事务所", password1="Hongqi<2026-qu", password2="Hongqi<2026-qu")
    response = client.post(reverse("accounts:register", args=["lawyer"]), data)
    assert response.status_code == 302


# --- Verification -----------------------------------------------------------------------------------------


@pytest.fixture
def pending_lawyer(client, db, clock):
    register(client, "lawyer", lawyer_details())
    client.logout()
    return PortalAccount.objects.get(user__username=MOBILE)


def test_a_clerk_sees_the_copies_and_verifies_once(client, clerk, pending_lawyer, clock):
    client.force_login(clerk)
    page = page_of(client.get(reverse("accounts:verification_list")))
    assert "钱多多" in page and LICENCE_NUMBER in page
    assert "不得要求提交证件原件" in page and "舞钢规范第八条" in page
    copy_url = reverse("accounts:account_file", args=[pending_lawyer.pk, "licence_copy"])
    assert f'<img src="{copy_url}"' in page
    assert client.get(copy_url).status_code == 200

    clock.shift(timedelta(minutes=3))
    response = client.post(
        reverse("accounts:account_verify", args=[pending_lawyer.pk]),
        {f"verify-{pending_lawyer.pk}-note": "已核对"},
    )

    assert response.status_code == 302
    pending_lawyer.refresh_from_db()
    assert pending_lawyer.verified_at == MORNING + timedelta(minutes=3)
    assert (pending_lawyer.verified_by, pending_lawyer.verification_note) == (clerk, "已核对")
    assert pending_lawyer.can_submit
    latest = pending_lawyer.history.first()
    assert (latest.history_user, latest.history_change_reason) == (clerk, "核验通过")
    assert SmsMessage.objects.filter(mobile=MOBILE, purpose="身份核验结果").count() == 1
    listing = page_of(client.get(reverse("accounts:verification_list")))
    assert "目前没有等待核验的账号" in listing and "核验通过（已核对）" in listing

    again = client.post(reverse("accounts:account_verify", args=[pending_lawyer.pk]), follow=True)
    expected = ALREADY_VERIFIED.format(at=datetime(2026, 3, 16, 9, 33), by=clerk)
    assert expected in page_of(again)
    assert pending_lawyer.history.count() == 2


def test_a_clerk_refuses_with_a_reason_and_only_with_one(client, clerk, pending_lawyer):
    client.force_login(clerk)
    url = reverse("accounts:account_reject", args=[pending_lawyer.pk])

    blank = client.post(url, {f"reject-{pending_lawyer.pk}-reason": "  "})
    assert blank.status_code == 200 and REJECT_REASON_REQUIRED in page_of(blank)
    pending_lawyer.refresh_from_db()
    assert pending_lawyer.rejected_at is None

    client.post(url, {f"reject-{pending_lawyer.pk}-reason": "执业证照片模糊"})
    pending_lawyer.refresh_from_db()
    assert (pending_lawyer.rejected_by, pending_lawyer.rejected_reason) == (clerk, "执业证照片模糊")
    assert not pending_lawyer.can_submit
    sms = SmsMessage.objects.filter(mobile=MOBILE, purpose="身份核验结果").get()
    assert "执业证照片模糊" in sms.text


@pytest.mark.parametrize("who", ["judge", "lawyer", "party"])
def test_only_clerks_verify(client, pending_lawyer, reference_data, who):
    someone = {
        "judge": lambda: UserFactory(role=JUDGE),
        "lawyer": lambda: PortalAccountFactory(kind=PortalAccountKind.LAWYER, user__role=LAWYER).user,
        "party": lambda: pending_lawyer.user,  # not even one's own account
    }[who]()
    client.force_login(someone)

    assert client.get(reverse("accounts:verification_list")).status_code == 403
    assert client.post(reverse("accounts:account_verify", args=[pending_lawyer.pk])).status_code == 403
    pending_lawyer.refresh_from_db()
    assert pending_lawyer.verified_at is None


def test_an_anonymous_visitor_is_sent_to_sign_in(client, pending_lawyer):
    response = client.post(reverse("accounts:account_verify", args=[pending_lawyer.pk]))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["other_lawyer", "judge"])
def test_no_one_else_fetches_a_copy(client, pending_lawyer, reference_data, who):
    someone = {
        "other_lawyer": lambda: PortalAccountFactory(kind=PortalAccountKind.LAWYER, user__role=LAWYER).user,
        "judge": lambda: UserFactory(role=JUDGE),
    }[who]()
    client.force_login(someone)

    existing = client.get(reverse("accounts:account_file", args=[pending_lawyer.pk, "licence_copy"]))
    missing = client.get(reverse("accounts:account_file", args=[pending_lawyer.pk + 1000, "licence_copy"]))
    assert existing.status_code == missing.status_code == 404


def test_the_owner_gets_404_for_a_copy_that_is_not_there(client, pending_lawyer):
    client.force_login(pending_lawyer.user)

    response = client.get(reverse("accounts:account_file", args=[pending_lawyer.pk, "firm_letter"]))

    assert response.status_code == 404


# --- can_submit -------------------------------------------------------------------------------------------


def test_can_submit(db, clerk):
    party = PortalAccountFactory()
    unconfirmed_party = PortalAccountFactory(mobile_confirmed_at=None)
    lawyer = PortalAccountFactory(kind=PortalAccountKind.LAWYER, licence_number="14104201510000002")
    intern = PortalAccountFactory(kind=PortalAccountKind.INTERN, intern_certificate_number="豫实习1")
    inactive = PortalAccountFactory(user__is_active=False)

    assert [a.can_submit for a in (party, unconfirmed_party, lawyer, intern, inactive)] == [
        True,
        False,
        False,
        False,
        False,
    ]
    portal_account_verify(account=lawyer, user=clerk)
    portal_account_verify(account=intern, user=clerk)
    lawyer.refresh_from_db()
    intern.refresh_from_db()
    assert lawyer.can_submit and intern.can_submit


def test_the_demo_portal_users_have_their_accounts(demo_users):
    lawyer, intern, party = (demo_users[name].portal_account for name in ("lawyer", "intern", "party"))

    assert lawyer.kind == "lawyer" and lawyer.can_submit and lawyer.verified_by == demo_users["wg_clerk"]
    assert intern.kind == "intern" and intern.can_submit and intern.supervising_lawyer == demo_users["lawyer"]
    assert party.kind == "party" and party.can_submit
