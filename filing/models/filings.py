from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from courthall.models import Court
from filing.models.catalogue import CaseType, CauseOfAction, ChecklistItem
from filing.models.visits import Visit


class Channel(models.TextChoices):
    # 舞钢规范第二条、第三条: one Filing whatever the channel.
    COUNTER = "counter", "窗口立案"
    ONLINE = "online", "网上立案"
    CROSS_REGION = "cross_region", "跨域立案"
    KIOSK = "kiosk", "自助立案"


class FilingState(models.TextChoices):
    RECEIVED = "received", "已收材料"
    UNDER_REVIEW = "under_review", "待审查"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    REGISTERED = "registered", "已立案"
    REFUSED = "refused", "不予受理"
    NOT_COMPETENT = "not_competent", "不属本院管辖"
    RETURNED = "returned", "逾期未补正已退回"
    WITHDRAWN = "withdrawn", "已撤回"
    # 诉讼费用交纳办法 art. 22, 登记立案规定 art. 11: the fee unpaid at the limit, by written ruling.
    TREATED_AS_WITHDRAWN = "treated_withdrawn", "按撤诉处理"
    # Pre-filing mediation (filing.models.mediation): mediated instead of registered, with consent.
    IN_MEDIATION = "in_mediation", "诉前调解中"
    MEDIATED = "mediated", "诉前调解成功结案"


OPEN_STATES = (FilingState.RECEIVED, FilingState.UNDER_REVIEW, FilingState.AWAITING_CORRECTION)
DECIDABLE_STATES = (FilingState.RECEIVED, FilingState.UNDER_REVIEW)
STATE_BADGE_CLASSES = {
    FilingState.REGISTERED: "text-bg-success",
    FilingState.AWAITING_CORRECTION: "text-bg-warning",
    FilingState.UNDER_REVIEW: "text-bg-primary",
    FilingState.RECEIVED: "text-bg-info",
    FilingState.REFUSED: "text-bg-danger",
    FilingState.NOT_COMPETENT: "text-bg-dark",
    FilingState.TREATED_AS_WITHDRAWN: "text-bg-danger",
    FilingState.IN_MEDIATION: "text-bg-secondary",
    FilingState.MEDIATED: "text-bg-success",
}


class Filing(ConcurrentTransitionMixin, models.Model):
    """A filing (立案申请), from the receipt of materials to a case number, a refusal or a return.

    Transitions only change fields; filing.services locks the row, checks, saves and logs the event.
    ConcurrentTransitionMixin makes a save fail when another clerk changed the state in between.
    """

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="filings", verbose_name="法院")
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="filings", verbose_name="接待"
    )
    channel = models.CharField("立案渠道", max_length=20, choices=Channel.choices, default=Channel.COUNTER)
    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="+", verbose_name="案件类型"
    )
    cause = models.ForeignKey(
        CauseOfAction, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="案由"
    )
    cause_text = models.CharField("案由（目录外）", max_length=100, blank=True)
    claims = models.TextField("诉讼请求")
    facts = models.TextField("事实和理由", blank=True)
    amount_in_dispute = models.DecimalField(
        "争议金额（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )

    state = FSMField("状态", default=FilingState.RECEIVED, choices=FilingState.choices, protected=True)
    # 首接负责制 (舞钢规范第五条): the first receiver stays responsible for the whole filing. An online
    # filing has none until a clerk takes it from the online queue.
    first_receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="首接负责人",
    )
    received_at = models.DateTimeField("收到材料时间")

    # --- online filings (舞钢规范第七条; 钢城承诺 一网办好) ---------------------------------------------
    # The portal user the filing belongs to (a lawyer or a party); for an intern's filing, the lawyer.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portal_filings",
        verbose_name="网上立案申请人",
    )
    # Who pressed "submit": the owner, or an intern lawyer filing for their lawyer (DOMAIN §9).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submitted_filings",
        verbose_name="提交人",
    )
    # 肩并肩: the clerk who filled the filing in at the counter beside the party.
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="协助立案的工作人员",
    )
    business_environment = models.BooleanField("涉营商环境案件", default=False)
    # 舞钢规范第七条 当天审核 (for business-environment filings a duty, shown red when missed) and 钢城承诺
    # 3 个工作日内 — both from courthall.deadlines, stored like the statutory limit (DESIGN decision 4).
    online_review_due_on = models.DateField("网上立案当日审核日", null=True, blank=True)
    online_review_limit_on = models.DateField("网上立案审核最迟日", null=True, blank=True)
    # 登记立案规定 art. 7: after corrections the decision period runs again from the day they arrive.
    limit_starts_on = models.DateField("审查期限起算日")
    decision_due_on = models.DateField("审查期限届满日", null=True, blank=True)

    case_number = models.CharField("案号", max_length=40, unique=True, null=True, blank=True)
    case_year = models.PositiveSmallIntegerField("收案年度", null=True, blank=True)
    case_sequence = models.PositiveIntegerField("案件编号", null=True, blank=True)
    registered_at = models.DateTimeField("立案时间", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="立案人",
    )
    registered_on_spot = models.BooleanField("当场立案", default=False)
    registered_first = models.BooleanField("期限届满先行立案", default=False)
    fee_total = models.DecimalField(
        "预交诉讼费（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )

    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="处理人",
    )
    refusal_reasons = models.TextField("不予受理理由", blank=True)
    refusal_basis = models.TextField("法律依据", blank=True)
    competent_court = models.CharField("有管辖权的法院", max_length=100, blank=True)
    withdrawal_reason = models.TextField("撤回原因", blank=True)

    # 自动分案 (filing.services.assignment): the current judge and department, the latest Assignment's.
    # Empty with `unassigned_reason` when no judge could take the case: it waits on the 待分案 list.
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_filings",
        verbose_name="承办法官",
    )
    department = models.ForeignKey(
        "courthall.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承办部门",
    )
    assigned_at = models.DateTimeField("分案时间", null=True, blank=True)
    unassigned_reason = models.CharField("未能分案的原因", max_length=300, blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "立案申请"
        verbose_name_plural = "立案申请"
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["court", "state", "decision_due_on"]),
            models.Index(fields=["court", "received_at"]),
            models.Index(fields=["court", "channel", "state", "online_review_due_on"]),
            # The clerks' online queue (filing.selectors.filing_online_queue) in its order: the first page
            # is read off the index instead of sorting every open online filing of the court.
            models.Index(
                fields=["court", "online_review_due_on", "decision_due_on", "received_at"],
                condition=models.Q(
                    channel="online", state__in=["received", "under_review", "awaiting_correction"]
                ),
                name="filing_online_queue_order",
            ),
            models.Index(fields=["owner", "received_at"]),
            models.Index(fields=["judge", "state"]),
            models.Index(fields=["submitted_by", "received_at"]),
            # --- issue 7, the filing panel (filing.selectors.overview): its flow figures by date ---
            models.Index(fields=["court", "registered_at"], name="filing_court_registered_at"),
            models.Index(fields=["court", "decided_at"], name="filing_court_decided_at"),
            # The supervisors' panels (filing.selectors.people_panel): cases assigned over a period.
            models.Index(fields=["court", "assigned_at"]),
            # --- end issue 7 ---
        ]

    def __str__(self) -> str:
        return self.case_number or f"收件 {self.pk}"

    @property
    def cause_name(self) -> str:
        return self.cause.name if self.cause_id else self.cause_text

    @property
    def state_badge_class(self) -> str:
        """The Bootstrap badge colour of the state (filing/filings/_state_badge.html)."""
        return STATE_BADGE_CLASSES.get(self.state, "text-bg-secondary")

    def party_names(self, role: str) -> str:
        """The names of the parties in `role`, in order, from the parties (a list prefetches them:
        filing.selectors.filings.row_parties)."""
        return " ".join(party.name for party in self.parties.all() if party.role == role)

    @property
    def plaintiff_names(self) -> str:
        return self.party_names(PartyRole.PLAINTIFF)

    @property
    def defendant_names(self) -> str:
        return self.party_names(PartyRole.DEFENDANT)

    # --- transitions: fields only; filing.services does the rest -------------------------------------

    @transition(field=state, source=FilingState.RECEIVED, target=FilingState.UNDER_REVIEW)
    def decide_later(self) -> None:
        """登记立案规定 art. 8: not decidable on the spot → decide within the statutory period."""

    @transition(field=state, source=DECIDABLE_STATES, target=FilingState.REGISTERED)
    def register(self) -> None:
        pass

    @transition(field=state, source=DECIDABLE_STATES, target=FilingState.AWAITING_CORRECTION)
    def return_for_correction(self) -> None:
        pass

    @transition(field=state, source=FilingState.AWAITING_CORRECTION, target=FilingState.UNDER_REVIEW)
    def receive_corrections(self) -> None:
        pass

    @transition(field=state, source=FilingState.AWAITING_CORRECTION, target=FilingState.RETURNED)
    def lapse_correction(self) -> None:
        """登记立案规定 art. 7: not corrected in time → materials returned and recorded."""

    @transition(
        field=state,
        source=(*DECIDABLE_STATES, FilingState.AWAITING_CORRECTION, FilingState.RETURNED),
        target=FilingState.REFUSED,
    )
    def refuse(self) -> None:
        """登记立案规定 art. 7, 9: every refusal (also after a return, if the party insists) is a ruling."""

    @transition(field=state, source=DECIDABLE_STATES, target=FilingState.NOT_COMPETENT)
    def decline_jurisdiction(self) -> None:
        """钢城承诺四: not this court's case → one-time notice and return."""

    @transition(field=state, source=OPEN_STATES, target=FilingState.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    @transition(field=state, source=FilingState.REGISTERED, target=FilingState.TREATED_AS_WITHDRAWN)
    def treat_as_withdrawn(self) -> None:
        """诉讼费用交纳办法 art. 22: the fee unpaid at the limit (filing.services.payment_limit)."""

    # --- pre-filing mediation (filing.services.mediation) ---------------------------------------------

    @transition(field=state, source=DECIDABLE_STATES, target=FilingState.IN_MEDIATION)
    def send_to_mediation(self) -> None:
        """民事诉讼法 art. 125 (先行调解): with the party's consent, mediate before deciding to register."""

    @transition(field=state, source=FilingState.IN_MEDIATION, target=FilingState.MEDIATED)
    def settle_in_mediation(self) -> None:
        pass

    @transition(field=state, source=FilingState.IN_MEDIATION, target=FilingState.WITHDRAWN)
    def withdraw_from_mediation(self) -> None:
        pass

    @transition(field=state, source=FilingState.IN_MEDIATION, target=FilingState.UNDER_REVIEW)
    def end_mediation(self) -> None:
        """Failed or timed out: back to the registration decision, which the same service then takes."""


class CaseNumberCounter(models.Model):
    """The last number given per (court, year of receipt, type code) (案号规定). Locked with SELECT … FOR
    UPDATE inside the registration transaction: no duplicates and no gaps."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+", verbose_name="法院")
    year = models.PositiveSmallIntegerField("收案年度")
    type_code = models.CharField("类型代字", max_length=10)
    last_number = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        verbose_name = "案号计数"
        verbose_name_plural = "案号计数"
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "type_code"], name="case_number_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.court} {self.year} {self.type_code}: {self.last_number}"


class PartyRole(models.TextChoices):
    PLAINTIFF = "plaintiff", "原告"
    DEFENDANT = "defendant", "被告"
    THIRD_PARTY = "third_party", "第三人"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    LEGAL_PERSON = "legal_person", "法人"
    ORGANISATION = "organisation", "非法人组织"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他证件"


class Party(models.Model):
    """A party as the complaint names them (登记立案规定 art. 4)."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="parties", verbose_name="立案申请"
    )
    role = models.CharField("诉讼地位", max_length=20, choices=PartyRole.choices)
    kind = models.CharField("类型", max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField("姓名或名称", max_length=100)
    sex = models.CharField("性别", max_length=2, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    occupation = models.CharField("职业或工作单位", max_length=100, blank=True)
    address = models.CharField("住所", max_length=200, blank=True)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    legal_representative_title = models.CharField("职务", max_length=50, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["filing", "role", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class AgentKind(models.TextChoices):
    # 民事诉讼法 art. 61: who may be a party's agent.
    LAWYER = "lawyer", "律师"
    LEGAL_WORKER = "legal_worker", "基层法律服务工作者"
    RELATIVE = "relative", "当事人的近亲属"
    EMPLOYEE = "employee", "当事人的工作人员"
    RECOMMENDED = "recommended", "社区、单位或有关社会团体推荐的公民"


class Agent(models.Model):
    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="agents", verbose_name="立案申请"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="agents", verbose_name="被代理人")
    kind = models.CharField("代理人类型", max_length=20, choices=AgentKind.choices)
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    licence_number = models.CharField("执业证号", max_length=30, blank=True)
    firm = models.CharField("律师事务所或工作单位", max_length=100, blank=True)
    special_authority = models.BooleanField("特别授权", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "诉讼代理人"
        verbose_name_plural = "诉讼代理人"
        ordering = ["filing", "pk"]

    def __str__(self) -> str:
        return self.name


class RoundKind(models.TextChoices):
    INITIAL = "initial", "首次提交"
    CORRECTION = "correction", "补正提交"


class SubmissionRound(models.Model):
    """Materials handed in at one time; each round gets its own receipt (登记立案规定 art. 2)."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="rounds", verbose_name="立案申请"
    )
    number = models.PositiveSmallIntegerField("轮次")
    kind = models.CharField("类型", max_length=20, choices=RoundKind.choices)
    submitter_name = models.CharField("提交人", max_length=50)
    received_at = models.DateTimeField("收到时间")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="接收人"
    )

    class Meta:
        verbose_name = "材料提交轮次"
        verbose_name_plural = "材料提交轮次"
        ordering = ["filing", "number"]
        constraints = [models.UniqueConstraint(fields=["filing", "number"], name="round_unique_number")]
        # Issue 7 (the receipts commitment, filing.selectors.overview_flow.rounds_in_period): rounds by day.
        indexes = [models.Index(fields=["received_at"], name="round_received_at")]

    def __str__(self) -> str:
        return f"第{self.number}次提交（{self.get_kind_display()}）"


class MaterialItem(models.Model):
    round = models.ForeignKey(
        SubmissionRound, on_delete=models.CASCADE, related_name="items", verbose_name="轮次"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="清单项",
    )
    name = models.CharField("材料名称", max_length=100)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    pages = models.PositiveSmallIntegerField("页数", default=1)
    is_original = models.BooleanField("原件", default=False)

    class Meta:
        verbose_name = "收到的材料"
        verbose_name_plural = "收到的材料"
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return self.name


class PhoneOutcome(models.TextChoices):
    # 舞钢规范第七条: an online filing returned for correction is also told by phone.
    REACHED = "reached", "接通并已告知"
    NOT_REACHED = "not_reached", "未接通"
    OTHER = "other", "其他"


class CorrectionRequest(models.Model):
    """A correction notice's content: every defect at once (登记立案规定 art. 7; 舞钢规范第六条)."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="corrections", verbose_name="立案申请"
    )
    after_round = models.ForeignKey(
        SubmissionRound, on_delete=models.PROTECT, related_name="+", verbose_name="针对的提交轮次"
    )
    follow_up = models.BooleanField("补正后再次告知", default=False)
    deadline_on = models.DateField("补正期限")
    issued_at = models.DateTimeField("告知时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="告知人"
    )
    # 舞钢规范第七条 (电话通知): the call made to the filer of an online filing when it is returned.
    # Required for online filings (filing_return_for_correction); empty for a counter filing, whose filer
    # is handed the notice in person.
    phone_called_at = models.DateTimeField("电话通知时间", null=True, blank=True)
    phone_number = models.CharField("拨打的号码", max_length=30, blank=True)
    phone_outcome = models.CharField("通知结果", max_length=20, choices=PhoneOutcome.choices, blank=True)
    phone_note = models.CharField("通知情况说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"
        ordering = ["filing", "issued_at"]
        # Issue 7 (the correction figures, filing.selectors.overview_flow): notices by the day issued.
        indexes = [models.Index(fields=["issued_at"], name="correction_issued_at")]

    def __str__(self) -> str:
        return f"补正告知（{self.issued_at:%Y-%m-%d}）"

    @property
    def phone_call_summary(self) -> str:
        """电话通知 13800138000（2026年11月18日 10:05，接通并已告知）, or "" when no call was recorded."""
        if self.phone_called_at is None:
            return ""
        when = timezone.localtime(self.phone_called_at).strftime("%Y年%m月%d日 %H:%M")
        note = f"：{self.phone_note}" if self.phone_note else ""
        return f"电话通知 {self.phone_number}（{when}，{self.get_phone_outcome_display()}{note}）"


class CorrectionItem(models.Model):
    request = models.ForeignKey(
        CorrectionRequest, on_delete=models.CASCADE, related_name="items", verbose_name="补正告知"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="清单项",
    )
    # The handed-in material the item concerns; empty when the item asks for a material not handed in.
    material_item = models.ForeignKey(
        MaterialItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所涉材料",
    )
    material = models.CharField("材料", max_length=100)
    problem = models.CharField("存在的问题", max_length=300)
    provide = models.CharField("需补正的内容", max_length=300)
    # 一次性全面告知: an item about a material the party had already handed in when the first notice was
    # issued is a second notice (二次告知); it stands only with a supervisor's written approval.
    second_notice = models.BooleanField("二次告知", default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准人",
    )
    approval_reason = models.TextField("批准理由", blank=True)

    class Meta:
        verbose_name = "补正事项"
        verbose_name_plural = "补正事项"
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        return f"{self.material}：{self.problem}"


class FilingEvent(models.Model):
    """Append-only timeline of a filing: who did what, when, why."""

    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="events", verbose_name="立案申请"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    action = models.CharField("操作", max_length=40)
    summary = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = "立案流程记录"
        verbose_name_plural = "立案流程记录"
        ordering = ["filing", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
