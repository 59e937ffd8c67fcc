from django.contrib.auth.models import AbstractUser
from django.db import models
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["court", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return f"{self.court.name} {self.name}"


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
