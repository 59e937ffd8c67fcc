import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Province(models.TextChoices):
    # Fee amounts inside the ranges of 诉讼费用交纳办法 are fixed per province (DOMAIN.md §5).
    BEIJING = "京", "北京市"
    TIANJIN = "津", "天津市"
    HEBEI = "冀", "河北省"
    SHANXI = "晋", "山西省"
    INNER_MONGOLIA = "内", "内蒙古自治区"
    LIAONING = "辽", "辽宁省"
    JILIN = "吉", "吉林省"
    HEILONGJIANG = "黑", "黑龙江省"
    SHANGHAI = "沪", "上海市"
    JIANGSU = "苏", "江苏省"
    ZHEJIANG = "浙", "浙江省"
    ANHUI = "皖", "安徽省"
    FUJIAN = "闽", "福建省"
    JIANGXI = "赣", "江西省"
    SHANDONG = "鲁", "山东省"
    HENAN = "豫", "河南省"
    HUBEI = "鄂", "湖北省"
    HUNAN = "湘", "湖南省"
    GUANGDONG = "粤", "广东省"
    GUANGXI = "桂", "广西壮族自治区"
    HAINAN = "琼", "海南省"
    CHONGQING = "渝", "重庆市"
    SICHUAN = "川", "四川省"
    GUIZHOU = "黔", "贵州省"
    YUNNAN = "云", "云南省"
    TIBET = "藏", "西藏自治区"
    SHAANXI = "陕", "陕西省"
    GANSU = "甘", "甘肃省"
    QINGHAI = "青", "青海省"
    NINGXIA = "宁", "宁夏回族自治区"
    XINJIANG = "新", "新疆维吾尔自治区"


class Court(models.Model):
    """A people's court that runs a service hall; every staff record belongs to exactly one."""

    name = models.CharField("法院名称", max_length=100, unique=True)
    # 案号规定: the court's 法院代字, e.g. 豫0481. Editable: 鲁0117 is unverified (DOMAIN.md §2).
    code = models.CharField("法院代字", max_length=20, unique=True, help_text="用于案号，如“豫0481”。")
    province = models.CharField("所在省份", max_length=2, choices=Province.choices)
    address = models.CharField("地址", max_length=200, blank=True)
    # Rulings name the court an appeal goes to (DOMAIN.md §6: 不予受理裁定书).
    appeal_court = models.CharField(
        "上一级人民法院", max_length=100, blank=True, help_text="如“平顶山市中级人民法院”。"
    )
    hotline_phone = models.CharField("12368 诉讼服务热线", max_length=40, blank=True)
    complaint_phone = models.CharField("投诉电话", max_length=40, blank=True)
    supervision_phone = models.CharField("监督电话", max_length=40, blank=True)
    fee_account_name = models.CharField("诉讼费收款户名", max_length=100, blank=True)
    fee_account_bank = models.CharField("开户银行", max_length=100, blank=True)
    fee_account_number = models.CharField("银行账号", max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "法院"
        verbose_name_plural = "法院"
        ordering = ["code"]
        # Workplace permissions: what a role may do in its own court. The apps check them by codename
        # (courthall imports no app), and the roles in courthall/roles.py grant them.
        permissions = [
            ("work_counter", "在立案窗口接待当事人"),
            ("review_filings", "审查立案材料"),
            ("answer_hotline", "接听 12368 热线"),
            ("answer_duty_questions", "作为值班法官答复咨询"),
            ("handle_cases", "承办案件"),
            ("supervise", "查看监督总览"),
            ("administer_court", "管理本院配置"),
            ("use_portal", "使用诉讼服务网（律师、当事人）"),
            ("verify_portal_accounts", "核验律师、实习律师的身份"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class DepartmentKind(models.TextChoices):
    FILING = "filing", "立案庭"
    CIVIL = "civil", "民事审判庭"
    CRIMINAL = "criminal", "刑事审判庭"
    ADMINISTRATIVE = "administrative", "行政审判庭"
    ENFORCEMENT = "enforcement", "执行局"
    TRIBUNAL = "tribunal", "人民法庭"
    OFFICE = "office", "综合办公室"
    OTHER = "other", "其他"


class Department(models.Model):
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, related_name="departments", verbose_name="法院"
    )
    name = models.CharField("部门名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=DepartmentKind.choices)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    # --- roster (issue 7): 第十三条 请假审批程序 — the head decides the department's leave requests; without
    # one (or for the head's own request) the court's supervisor does (courthall.roster.permissions).
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_departments",
        verbose_name="部门负责人",
        help_text="审批本部门人员的请假；未指定时由本院诉讼服务中心负责人审批。",
    )
    # --- end roster

    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["court", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return f"{self.court.name} {self.name}"

    def clean(self) -> None:
        # --- roster (issue 7): a head from another court could approve nothing here.
        if self.head_id is not None and self.head.court_id != self.court_id:
            raise ValidationError({"head": "部门负责人须是本院工作人员。"})


class User(AbstractUser):
    """A person who signs in: court staff (court set) or a portal user, a lawyer or a party (court empty)."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    mobile = models.CharField("手机号码", max_length=20, blank=True)
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name="所属法院"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name="所属部门",
    )

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(department__isnull=True) | models.Q(court__isnull=False),
                name="user_department_needs_court",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.get_full_name()


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    MAKEUP_WORKDAY = "workday", "调休上班日"


class Holiday(models.Model):
    """One day that differs from the Monday–Friday week: a public holiday or a make-up working day (调休).

    Seeded from chinesecalendar; administrators add the years it lacks. A year with no row at all is taken
    as having no data, and courthall.deadlines falls back to weekends only for it.
    """

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=HolidayKind.choices)
    name = models.CharField("节日名称", max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


# --- SMS and one-time codes (courthall.sms) ---------------------------------------------------------------


class SmsMessage(models.Model):
    """One text message to one mobile: the outbox. Written inside the transaction that decided to send it;
    handed to the configured sender after commit (courthall.sms), which fills sent_at or error."""

    mobile = models.CharField("手机号码", max_length=11)
    text = models.TextField("短信内容")
    purpose = models.CharField("用途", max_length=40)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    sender = models.CharField("发送通道", max_length=200, blank=True)
    error = models.TextField("发送失败原因", blank=True)

    class Meta:
        verbose_name = "短信"
        verbose_name_plural = "短信发件箱"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["mobile", "created_at"], name="smsmessage_mobile_created")]

    def __str__(self) -> str:
        return f"{self.mobile} {self.purpose}"


class CodePurpose(models.TextChoices):
    REGISTER = "register", "注册账号"
    # 肩并肩: a clerk opens a party's account at the counter; the party reads the code out to the clerk.
    SIDE_BY_SIDE = "side_by_side", "窗口协助开通账号"
    # 肩并肩: the party confirms, with a fresh code, the filing the clerk filled in for them.
    CONFIRM_FILING = "confirm_filing", "确认提交立案申请"
    # A portal user sets a forgotten password, or the first one of an account opened at the counter.
    SET_PASSWORD = "set_password", "设置登录密码"


class OneTimeCode(models.Model):
    """A 6-digit code sent by SMS to prove that a person holds a mobile. Only a keyed hash is stored; only
    the latest code of a (mobile, purpose) counts (courthall.sms.verify_code)."""

    mobile = models.CharField("手机号码", max_length=11)
    purpose = models.CharField("用途", max_length=20, choices=CodePurpose.choices)
    code_hash = models.CharField("验证码摘要", max_length=64)
    created_at = models.DateTimeField("发送时间")
    expires_at = models.DateTimeField("失效时间")
    attempts = models.PositiveSmallIntegerField("输错次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["mobile", "created_at"], name="onetimecode_mobile_created")]

    def __str__(self) -> str:
        return f"{self.mobile} {self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"


# --- Portal accounts (courthall.accounts) -----------------------------------------------------------------


class PortalAccountKind(models.TextChoices):
    LAWYER = "lawyer", "律师"
    INTERN = "intern", "实习律师"
    PARTY = "party", "当事人"


# DOMAIN.md §9: the number on a 律师执业证 has 17 digits.
LICENCE_NUMBER_INVALID = "律师执业证号应为 17 位数字。"
validate_licence_number = RegexValidator(r"^[0-9]{17}\Z", LICENCE_NUMBER_INVALID, code="licence_number")


def portal_upload_to(instance, filename: str) -> str:
    """A path that names nobody: the uploaded name (often the person's name) is dropped, its suffix kept."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"portal/{uuid.uuid4().hex}{suffix}"


class PortalAccount(models.Model):
    """What the portal knows about a lawyer, an intern lawyer or a party beyond their User.

    Everyone proves their mobile by SMS code at registration. A party may file at once; a lawyer or an
    intern may sign in and prepare drafts, and submits only after a clerk has checked the copies of the
    licence or certificate (seed 000 第八条: copies suffice, originals are never demanded).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_account", verbose_name="用户"
    )
    kind = models.CharField("账号类型", max_length=10, choices=PortalAccountKind.choices)
    id_number = models.CharField("身份证号码", max_length=18, unique=True)
    mobile_confirmed_at = models.DateTimeField("手机验证时间", null=True, blank=True)
    firm = models.CharField("律师事务所", max_length=100, blank=True)
    licence_number = models.CharField(
        "律师执业证号", max_length=17, blank=True, validators=[validate_licence_number]
    )
    licence_copy = models.FileField("律师执业证复印件", upload_to=portal_upload_to, blank=True)
    intern_certificate_number = models.CharField("实习证编号", max_length=40, blank=True)
    intern_certificate = models.FileField(
        "申请律师执业人员实习证复印件", upload_to=portal_upload_to, blank=True
    )
    firm_letter = models.FileField("律师事务所函", upload_to=portal_upload_to, blank=True)
    # 律师法: an intern is not the party's agent; the supervising lawyer is (DOMAIN.md §9). Chosen when a
    # filing is prepared, from the verified lawyers of the intern's firm.
    supervising_lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_interns",
        verbose_name="指导律师",
    )
    verified_at = models.DateTimeField("核验通过时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="核验人",
    )
    verification_note = models.TextField("核验备注", blank=True)
    rejected_at = models.DateTimeField("不予通过时间", null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="作出不予通过的工作人员",
    )
    rejected_reason = models.TextField("不予通过的理由", blank=True)
    created_at = models.DateTimeField("注册时间", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉讼服务网账号"
        verbose_name_plural = "诉讼服务网账号"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=~models.Q(licence_number=""),
                name="portalaccount_unique_licence_number",
            ),
            models.UniqueConstraint(
                fields=["intern_certificate_number"],
                condition=~models.Q(intern_certificate_number=""),
                name="portalaccount_unique_intern_certificate",
            ),
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True) | models.Q(rejected_at__isnull=True),
                name="portalaccount_verified_or_rejected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} （{self.get_kind_display()}）"

    @property
    def needs_verification(self) -> bool:
        return self.kind != PortalAccountKind.PARTY

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_rejected(self) -> bool:
        return self.rejected_at is not None

    @property
    def can_submit(self) -> bool:
        """May this account submit a filing (not only prepare a draft)? The filing portal asks this.

        A party once the mobile is confirmed; a lawyer or an intern once a clerk has also verified the
        licence or certificate. An intern still names a supervising lawyer on each filing.
        """
        if not self.user.is_active or self.mobile_confirmed_at is None:
            return False
        return not self.needs_verification or self.is_verified

    def verify(self, *, by, note: str = "") -> None:
        """The clerk found the copies in order. Changes fields only: call through the service."""
        self.verified_at = timezone.now()
        self.verified_by = by
        self.verification_note = note

    def reject(self, *, by, reason: str) -> None:
        """The clerk could not verify the copies. Changes fields only: call through the service."""
        self.rejected_at = timezone.now()
        self.rejected_by = by
        self.rejected_reason = reason


class DailyCount(models.Model):
    """How many records a supervisors' figure counted on one settled day (courthall.daily_counts).

    A maintained aggregate: a day is stored only once no record can join or leave it any more, so the
    panels read a period's past days here instead of counting them again on every request."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="+", verbose_name="法院")
    key = models.CharField("统计项", max_length=60)
    on = models.DateField("日期")
    count = models.PositiveIntegerField("件数")
    computed_at = models.DateTimeField("统计时间", auto_now_add=True)

    class Meta:
        verbose_name = "每日统计"
        verbose_name_plural = "每日统计"
        constraints = [models.UniqueConstraint(fields=["court", "key", "on"], name="daily_count_unique_day")]

    def __str__(self) -> str:
        return f"{self.key} {self.on}: {self.count}"


# --- roster (issue 7): the hall roster's models, registered under app_label "courthall".
from courthall.roster.models import *  # noqa: E402,F403
