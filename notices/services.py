"""Issuing and serving documents: the only writes of this app.

The issuing services run inside the caller's transaction (they open a savepoint when there is one, a
transaction when there is not). The number counter row stays locked until that transaction ends, so
documents of one kind in one court are issued one after the other and their numbers have no gaps.

Electronic service (电子送达): `notice_deliver` puts an issued document in a portal user's inbox and
announces it by SMS; `notice_open` records the service time when that user first opens it.
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courthall.models import Court
from courthall.pdf import render_pdf
from courthall.sms import sms_send
from courthall.validators import validate_mobile
from notices.kinds import KindSpec, format_number, kind_spec, parse_snapshot
from notices.models import Delivery, Notice, NoticeCounter
from notices.permissions import can_issue_notice

# No 0/O, 1/I/L: a code read aloud over the 12368 line or typed from paper is not misread.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VERIFICATION_CODE_LENGTH = 10  # 31^10 ≈ 8·10^14: not guessable in any number of tries a person makes
VERIFICATION_CODE_ATTEMPTS = 5

SUBJECT_REQUIRED = "出具文书必须注明事项（subject）。"
ADDRESSEE_REQUIRED = "出具文书必须注明受送达人。"
SNAPSHOT_WRONG_COURT = "文书数据中的法院（{snapshot}）与出具文书的法院（{court}）不一致。"
NOT_THE_LATEST_VERSION = "只能在最新版本的基础上重新出具；该文书已有第{version}版。"


def new_verification_code() -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


def _unused_verification_code() -> str:
    """A code no notice has yet. It is printed on the PDF, so it must be chosen before rendering.

    Two issues drawing the same code at the same moment is left to the unique constraint (the second
    transaction fails and its caller may retry): at 31^10 codes that never happens in practice.
    """
    for _ in range(VERIFICATION_CODE_ATTEMPTS):
        code = new_verification_code()
        if not Notice.objects.filter(verification_code=code).exists():
            return code
    raise RuntimeError("连续生成的验证码均已被使用，请检查随机数来源。")


def _next_number(*, court: Court, kind: str, year: int) -> str:
    """Take the next serial of (court, year, kind). Locks the counter row until the transaction ends.

    The row is created on first use with INSERT … ON CONFLICT DO NOTHING, so two first issues of a year
    do not collide; then SELECT … FOR UPDATE serialises everyone after (DESIGN.md decision 3).
    """
    NoticeCounter.objects.bulk_create(
        [NoticeCounter(court=court, year=year, kind=kind)], ignore_conflicts=True
    )
    counter = NoticeCounter.objects.select_for_update().get(court=court, year=year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return format_number(court_code=court.code, kind=kind, year=year, serial=counter.last)


def render_notice(
    spec: KindSpec, snapshot: dict, *, number: str, verification_code: str, version: int
) -> bytes:
    """The PDF of a document, from its snapshot and its identity only (the same input, the same bytes)."""
    context = parse_snapshot(spec.kind, snapshot)
    case_number = context.get(spec.case_number_key) if spec.case_number_key else None
    context.update(
        court_name=context["court"]["name"],
        case_number=case_number or number,  # printed under the title
        document={
            "title": spec.title,
            "printed_title": spec.printed_title,
            "number": number,
            "version": version,
            "verification_code": verification_code,
            "verify_path": reverse("notices:verify_form"),
        },
    )
    return render_pdf(spec.template_name, context)


def _create(
    *,
    court: Court,
    spec: KindSpec,
    number: str,
    version: int,
    supersedes: Notice | None,
    subject: str,
    addressee: str,
    snapshot: dict,
    issued_by,
    issued_at,
    automatic: bool = False,
) -> Notice:
    code = _unused_verification_code()
    pdf = render_notice(spec, snapshot, number=number, verification_code=code, version=version)
    notice = Notice(
        court=court,
        kind=spec.kind,
        number=number,
        version=version,
        supersedes=supersedes,
        subject=subject,
        addressee=addressee,
        snapshot=snapshot,
        template_name=spec.template_name,
        template_version=spec.template_version,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        verification_code=code,
        issued_by=issued_by,
        issued_at=issued_at,
        issued_automatically=automatic,
    )
    notice.full_clean()
    notice.save()
    return notice


# Documents the system issues by itself when a portal user acts: the receipt of an online submission.
AUTOMATIC_KINDS = frozenset({"receipt"})
NOT_AUTOMATIC = "“{kind}”须由法院工作人员出具，不能由系统自动出具。"


def _check(
    *, court: Court, kind: str, subject: str, addressee: str, snapshot, issued_by, automatic: bool = False
) -> KindSpec:
    if automatic:
        # The caller (the app that owns `subject`) has checked that `issued_by` may act on it.
        if kind not in AUTOMATIC_KINDS:
            raise PermissionDenied(NOT_AUTOMATIC.format(kind=kind))
    else:
        decision = can_issue_notice(court, issued_by, kind)
        if not decision:
            raise PermissionDenied(decision.reason)
    if not subject.strip():
        raise ValidationError(SUBJECT_REQUIRED)
    if not addressee.strip():
        raise ValidationError(ADDRESSEE_REQUIRED)
    spec = kind_spec(kind)
    parse_snapshot(kind, snapshot)
    if snapshot["court"]["code"] != court.code:
        raise ValidationError(
            SNAPSHOT_WRONG_COURT.format(snapshot=snapshot["court"]["code"], court=court.code)
        )
    return spec


def notice_issue(
    *,
    court: Court,
    kind: str,
    subject: str,
    addressee: str,
    snapshot: dict,
    issued_by,
    automatic: bool = False,
) -> Notice:
    """Issue a new document: number it, render it from `snapshot`, keep the PDF, its hash and a code.

    Call inside the transaction that records why the document is issued (a filing's registration…): if
    that transaction rolls back, so does the number. Raises ValidationError for a snapshot that does not
    fit the kind (the message names every missing key) and PermissionDenied when `issued_by` may not issue
    documents for `court`. `automatic` issues one of AUTOMATIC_KINDS in the system's name on the action
    of `issued_by`, a portal user whose right to act on `subject` the caller has checked.
    """
    spec = _check(
        court=court,
        kind=kind,
        subject=subject,
        addressee=addressee,
        snapshot=snapshot,
        issued_by=issued_by,
        automatic=automatic,
    )
    issued_at = timezone.now()
    with transaction.atomic():
        # The year of the number is the court's year at the moment of issue (Asia/Shanghai).
        number = _next_number(court=court, kind=spec.kind, year=timezone.localdate(issued_at).year)
        return _create(
            court=court,
            spec=spec,
            number=number,
            version=1,
            supersedes=None,
            subject=subject.strip(),
            addressee=addressee.strip(),
            snapshot=snapshot,
            issued_by=issued_by,
            issued_at=issued_at,
            automatic=automatic,
        )


def notice_reissue(*, notice: Notice, snapshot: dict, issued_by, addressee: str | None = None) -> Notice:
    """Issue a corrected version of `notice`: same number, version + 1, a new code; the old one stays.

    Only the latest version can be reissued (the versions form one line). `addressee` defaults to the
    old one. Call inside the caller's transaction; locks the old notice's row.
    """
    addressee = notice.addressee if addressee is None else addressee
    spec = _check(
        court=notice.court,
        kind=notice.kind,
        subject=notice.subject,
        addressee=addressee,
        snapshot=snapshot,
        issued_by=issued_by,
    )
    with transaction.atomic():
        locked = Notice.objects.select_for_update().only("pk", "version").get(pk=notice.pk)
        newer = Notice.objects.filter(
            court_id=notice.court_id, number=notice.number, version__gt=locked.version
        )
        latest = newer.order_by("-version").values_list("version", flat=True).first()
        if latest is not None:
            raise ValidationError(NOT_THE_LATEST_VERSION.format(version=latest))
        return _create(
            court=notice.court,
            spec=spec,
            number=notice.number,
            version=locked.version + 1,
            supersedes=notice,
            subject=notice.subject,
            addressee=addressee.strip(),
            snapshot=snapshot,
            issued_by=issued_by,
            issued_at=timezone.now(),
        )


# --- Electronic service (电子送达) -------------------------------------------------------------------------

DELIVERY_SMS_TEXT = (
    "【{court}】{name}：{court}向您送达{title}（{number}），请登录网上立案平台查看。"
    "首次查看的时间即为送达时间。"
)
DELIVERY_SMS_PURPOSE = "电子送达通知"
NOT_THE_RECIPIENT = "该文书不是送达给您的。"


def _announce(notice: Notice, recipient) -> tuple:
    """Queue the SMS that tells `recipient` a document waits in the inbox: (message, queued at), or
    (None, None) for a recipient without a usable mobile. A wrong number in an account must not stop the
    court's decision; the document is in the inbox all the same."""
    try:
        mobile = validate_mobile(recipient.mobile)
    except ValidationError:
        return None, None
    message = sms_send(
        mobile=mobile,
        text=DELIVERY_SMS_TEXT.format(
            court=notice.court.name,
            name=recipient.get_full_name(),
            title=notice.get_kind_display(),
            number=notice.number,
        ),
        purpose=DELIVERY_SMS_PURPOSE,
    )
    return message, message.created_at


def notice_deliver(*, notice: Notice, recipient) -> Delivery:
    """Put `notice` in `recipient`'s inbox and announce it by SMS (sent once the transaction commits).

    Call inside the transaction that issues the notice: the issuing app has decided that `recipient` (a
    portal user) is the one the document is served on. Delivering the same notice to the same person
    again returns the first delivery and sends nothing.
    """
    with transaction.atomic():
        existing = Delivery.objects.filter(notice=notice, recipient=recipient).first()
        if existing is not None:
            return existing
        message, announced_at = _announce(notice, recipient)
        delivery = Delivery(notice=notice, recipient=recipient, sms=message, announced_at=announced_at)
        delivery.full_clean()
        delivery.save()
    return delivery


def notice_open(*, notice: Notice, user) -> Delivery:
    """`user` opens `notice` from the inbox: the first time, that moment is the service time.

    Locks the delivery row, so two tabs opening at once record one time; a second opening changes
    nothing (a served document stays served). Raises PermissionDenied when `user` is not the recipient:
    a clerk or anyone else reading the document never serves it.
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update().filter(notice_id=notice.pk, recipient_id=user.pk).first()
        )
        if delivery is None:
            raise PermissionDenied(NOT_THE_RECIPIENT)
        if delivery.serve(timezone.now()):
            delivery._history_user = user
            delivery.save(update_fields=["served_at"])
    return delivery
