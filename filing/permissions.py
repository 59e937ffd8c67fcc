"""Who may do what at the window: one function per action, used by the button, the view and the service.

Each returns courthall.permissions.Decision(allowed, reason). A record of another court is never "not
allowed": selectors hide it (404) before any of these is asked.
"""

from django.utils import timezone

from courthall.permissions import ALLOWED, Decision, can_enter
from filing.enforcement import registration_block

NOT_RESPONSIBLE = "只有本接待的第一责任人或诉讼服务中心负责人可以办理此项操作。"
VISIT_CLOSED = "该接待已办结，不能再办理。"
NOT_OPEN = "该立案申请已处理完毕（{state}），不能再办理此项操作。"
NOT_DECIDABLE = "该立案申请当前状态为“{state}”，不能作出此项决定。"
SUPERVISOR_ONLY = "二次告知须由诉讼服务中心负责人批准。"


def can_work_counter(user) -> Decision:
    return can_enter(user, "courthall.work_counter")


def can_review_filings(user) -> Decision:
    return can_enter(user, "courthall.review_filings")


def can_supervise(user) -> Decision:
    return can_enter(user, "courthall.supervise")


def can_act_on_visit(visit, user) -> Decision:
    """Hand over or close a visit: its responsible person, or a supervisor of the court."""
    if not (decision := can_work_counter(user)) and not can_supervise(user):
        return decision
    if visit.state != "open":
        return Decision(False, VISIT_CLOSED)
    if visit.responsible_id != user.pk and not can_supervise(user):
        return Decision(False, NOT_RESPONSIBLE)
    return ALLOWED


def can_view_filing(filing, user) -> Decision:
    if can_work_counter(user) or can_review_filings(user) or can_supervise(user):
        return ALLOWED
    return can_work_counter(user)


def can_receive_materials(filing, user) -> Decision:
    if not (decision := can_work_counter(user)):
        return decision
    if filing.state not in ("received", "under_review", "awaiting_correction"):
        return Decision(False, NOT_OPEN.format(state=filing.get_state_display()))
    return ALLOWED


def can_decide_filing(filing, user) -> Decision:
    """Register, return for correction, refuse, decline jurisdiction or decide later."""
    if not (decision := can_review_filings(user)):
        return decision
    if filing.state not in ("received", "under_review"):
        return Decision(False, NOT_DECIDABLE.format(state=filing.get_state_display()))
    return ALLOWED


def can_refuse_filing(filing, user) -> Decision:
    """登记立案规定 art. 7, 9: a ruling not to accept, also while or after corrections are awaited."""
    if not (decision := can_review_filings(user)):
        return decision
    if filing.state not in ("received", "under_review", "awaiting_correction", "returned"):
        return Decision(False, NOT_DECIDABLE.format(state=filing.get_state_display()))
    return ALLOWED


NOT_ONLINE = "只有网上提交的立案申请需要认领；窗口收件的由收件人负责（首接负责制）。"
CLAIMED_BY_OTHER = (
    "该立案申请已由{who}认领（首接负责制），由其负责办理到底；"
    "如需改由您办理，请与{who}或诉讼服务中心负责人联系。"
)


def can_claim_filing(filing, user) -> Decision:
    """Take an online filing from the queue (首接负责制, 舞钢规范第五条): a reviewing clerk, while the filing
    is open and nobody else has it. Claiming one's own filing again is allowed (and changes nothing)."""
    if not (decision := can_review_filings(user)):
        return decision
    if filing.channel != "online":
        return Decision(False, NOT_ONLINE)
    if filing.state not in ("received", "under_review", "awaiting_correction"):
        return Decision(False, NOT_OPEN.format(state=filing.get_state_display()))
    if filing.first_receiver_id not in (None, user.pk):
        return Decision(False, CLAIMED_BY_OTHER.format(who=filing.first_receiver.get_full_name()))
    return ALLOWED


def can_approve_second_notice(filing, user) -> Decision:
    """The approver of a second notice (二次告知) is a supervisor of the filing's own court."""
    if not can_supervise(user) or (filing.court_id is not None and user.court_id != filing.court_id):
        return Decision(False, SUPERVISOR_ONLY)
    return ALLOWED


# --- First contact at the window (接待登记) --------------------------------------------------------------

CANNOT_RECEIVE_VISIT = "{name}不在窗口接待岗位，不能直接接收移交；请移交给其所在部门。"
ACCOUNT_INACTIVE = "{name}的账号已停用，不能接收移交。"


def can_view_visit(visit, user) -> Decision:
    """See a visit of one's own court: the counter, supervisors, its responsible person and the staff of the
    department it was handed to. Visitors' ID numbers and phones are confidential (钢城承诺：严守审判纪律).

    The selector turns a refusal into a 404, the same answer as for another court's visit.
    """
    if not user.is_authenticated or user.court_id is None or visit.court_id != user.court_id:
        return Decision(False, NOT_RESPONSIBLE)
    if can_work_counter(user) or can_supervise(user) or visit.responsible_id == user.pk:
        return ALLOWED
    if visit.responsible_department_id is not None and visit.responsible_department_id == user.department_id:
        return ALLOWED
    return Decision(False, NOT_RESPONSIBLE)


def can_receive_visit(user) -> Decision:
    """Become a visit's responsible person by a hand-over: someone who can then act on it here (the counter
    or a supervisor). Anyone else — a judge, the enforcement bureau — is reached through their department."""
    if not user.is_active:
        return Decision(False, ACCOUNT_INACTIVE.format(name=user))
    if not can_work_counter(user) and not can_supervise(user):
        return Decision(False, CANNOT_RECEIVE_VISIT.format(name=user))
    return ALLOWED


# --- The portal ------------------------------------------------------------------------------------------

NOT_YOUR_DRAFT = "这不是您的草稿。"
ACCOUNT_NOT_READY = "您的账号尚未通过法院核验，可以先保存草稿，核验通过后再提交。"
NO_PORTAL_ACCOUNT = "只有注册了网上立案账号的律师和当事人可以网上提交立案申请。"


def portal_account_of(user):
    return getattr(user, "portal_account", None) if getattr(user, "is_authenticated", False) else None


def can_submit_draft(draft, user) -> Decision:
    """Submit a draft: its owner, with an account the court has verified (parties: mobile confirmed); or
    the clerk who helped fill it in (肩并肩), once the party has confirmed it as it now is by SMS code."""
    if draft.helped_by_id is not None and draft.helped_by_id == getattr(user, "pk", None):
        return _can_submit_helped_draft(draft, user)
    if draft.owner_id != getattr(user, "pk", None):
        return Decision(False, NOT_YOUR_DRAFT)
    account = portal_account_of(user)
    if account is None:
        return Decision(False, NO_PORTAL_ACCOUNT)
    if not account.can_submit:
        return Decision(False, ACCOUNT_NOT_READY)
    return ALLOWED


DRAFT_SUBMITTED = "该草稿已提交，不能再修改。"
NOT_CONFIRMED_BY_PARTY = "提交前，须由当事人用手机收到的短信验证码确认立案内容。"
CONFIRMATION_STALE = "当事人确认后草稿又有改动，须由当事人重新用短信验证码确认。"
PARTY_CANNOT_SUBMIT = "当事人的诉讼服务网账号目前不能提交立案申请（账号已停用或手机号码未验证）。"


def can_help_party(user) -> Decision:
    """肩并肩: open a party's account and filing at the counter."""
    return can_work_counter(user)


def can_confirm_draft_for_party(draft, user) -> Decision:
    """Send the party the confirmation code and take it: the clerk helping with this draft, before it is
    submitted. Anyone else is refused (their selector already answered 404)."""
    if not (decision := can_help_party(user)):
        return decision
    if draft.helped_by_id != user.pk:
        return Decision(False, NOT_YOUR_DRAFT)
    if draft.filing_id is not None:
        return Decision(False, DRAFT_SUBMITTED)
    return ALLOWED


def _can_submit_helped_draft(draft, user) -> Decision:
    if not (decision := can_confirm_draft_for_party(draft, user)):
        return decision
    account = portal_account_of(draft.owner)
    if account is None or not account.can_submit:
        return Decision(False, PARTY_CANNOT_SUBMIT)
    if draft.party_confirmed_at is None:
        return Decision(False, NOT_CONFIRMED_BY_PARTY)
    if not draft.party_confirmation_valid:
        return Decision(False, CONFIRMATION_STALE)
    return ALLOWED


def can_change_draft(draft, user) -> Decision:
    """Fill in a draft, add or remove its files: its owner, or the clerk helping them (肩并肩)."""
    user_pk = getattr(user, "pk", None)
    if user_pk is None or user_pk not in (draft.owner_id, draft.helped_by_id):
        return Decision(False, NOT_YOUR_DRAFT)
    if draft.filing_id is not None:
        return Decision(False, DRAFT_SUBMITTED)
    return ALLOWED


# --- A portal user's own filing ------------------------------------------------------------------------

NOT_YOUR_FILING = "这不是您的立案申请。"
NOT_WITHDRAWABLE = "该立案申请已处理（{state}），不能再撤回。如有疑问，请联系受理法院。"
NOT_AWAITING_CORRECTION = "该立案申请当前状态为“{state}”，不需要补正材料。"


def is_filer(filing, user) -> bool:
    """The filing's owner or the person who submitted it (an intern's lawyer and the intern)."""
    user_pk = getattr(user, "pk", None)
    return user_pk is not None and user_pk in (filing.owner_id, filing.submitted_by_id)


def can_withdraw_online(filing, user) -> Decision:
    """Withdraw through the portal: the filer, before the court decides (received, under review or
    awaiting correction)."""
    if not is_filer(filing, user):
        return Decision(False, NOT_YOUR_FILING)
    if filing.state not in ("received", "under_review", "awaiting_correction"):
        return Decision(False, NOT_WITHDRAWABLE.format(state=filing.get_state_display()))
    return ALLOWED


def can_correct_online(filing, user) -> Decision:
    """Send the corrections a correction notice asks for through the portal: the filer, while the filing
    awaits them (登记立案规定 art. 7)."""
    if not is_filer(filing, user):
        return Decision(False, NOT_YOUR_FILING)
    if filing.state != "awaiting_correction":
        return Decision(False, NOT_AWAITING_CORRECTION.format(state=filing.get_state_display()))
    return ALLOWED


# --- Applications for enforcement (执) ------------------------------------------------------------------

NOT_AN_ENFORCEMENT = "该立案申请没有需要核实的执行依据（只有申请执行案件需要“确认生效”）。"


def can_confirm_effectiveness(filing, user) -> Decision:
    """Record the check of a 执 filing's 执行依据 in the case system (钢城承诺四): a reviewing clerk, while
    the filing is still open."""
    if not (decision := can_review_filings(user)):
        return decision
    if getattr(filing, "enforcement_basis", None) is None:
        return Decision(False, NOT_AN_ENFORCEMENT)
    if filing.state not in ("received", "under_review", "awaiting_correction"):
        return Decision(False, NOT_OPEN.format(state=filing.get_state_display()))
    return ALLOWED


def can_register_filing(filing, user) -> Decision:
    """Register: whoever may decide (can_decide_filing); a 执 filing only once its 执行依据 was confirmed
    effective (钢城承诺四; filing.enforcement.registration_block)."""
    if not (decision := can_decide_filing(filing, user)):
        return decision
    if reason := registration_block(filing):
        return Decision(False, reason)
    return ALLOWED


# --- The fee ledger (诉讼费收退, seed 000 第四条) ----------------------------------------------------------

FEE_NOT_CHARGED = "该案件尚未立案或不预交诉讼费，没有诉讼费可收退。"
REFUND_SUPERVISOR_ONLY = "退费须由本院诉讼服务中心负责人审批。"
REFUND_OWN_REQUEST = "不能审批自己提出的退费申请，请由其他负责人审批。"
REFUND_DECIDED = "该退费申请的状态为“{state}”，不能再审批。"


def _fee_charged(filing) -> Decision:
    # Only a registered case has a fee notice (or an enforcement fee) to pay against.
    if filing.registered_at is None or filing.fee_total is None:
        return Decision(False, FEE_NOT_CHARGED)
    return ALLOWED


def can_record_fee_payment(filing, user) -> Decision:
    """Enter a payment and issue its receipt: the counter (seed 000 第四条: every window collects fees)."""
    if not (decision := can_work_counter(user)):
        return decision
    return _fee_charged(filing)


def can_request_fee_refund(filing, user) -> Decision:
    """Ask for a refund, with its reason; it counts once a supervisor approves it."""
    if not (decision := can_work_counter(user)):
        return decision
    return _fee_charged(filing)


def can_decide_fee_refund(refund, user) -> Decision:
    """Approve or reject a refund: a supervisor of the filing's court, not the one who asked for it (the
    court's money goes out only on a second person's word), while it awaits a decision."""
    if not can_supervise(user) or user.court_id != refund.filing.court_id:
        return Decision(False, REFUND_SUPERVISOR_ONLY)
    if refund.requested_by_id == user.pk:
        return Decision(False, REFUND_OWN_REQUEST)
    if refund.state != "requested":
        return Decision(False, REFUND_DECIDED.format(state=refund.get_state_display()))
    return ALLOWED


# --- The payment limit and fee relief (诉讼费用交纳办法 arts. 22, 44–48) ---------------------------------

NOT_REGISTERED = "该立案申请当前状态为“{state}”，尚未立案，没有交费期限。"
RELIEF_CLOSED = "该立案申请已处理完毕（{state}），不能再申请司法救助。"
RELIEF_DECIDED = "该司法救助申请已{state}，不能再次审批。"
RELIEF_SUPERVISOR_ONLY = "司法救助申请须由诉讼服务中心负责人审批。"
RELIEF_WAITS_FOR_REGISTRATION = "立案后诉讼费用金额才确定，请在立案后审批司法救助申请。"

RELIEF_OPEN_STATES = ("received", "under_review", "awaiting_correction", "registered")


def can_apply_relief(filing, user) -> Decision:
    """Lodge an application for fee relief: the counter for any filing of its court, the filer through
    the portal for their own; from receipt (art. 48: 在起诉时) until the court rules on the unpaid fee."""
    if not (can_work_counter(user) or is_filer(filing, user)):
        return Decision(False, NOT_YOUR_FILING) if portal_account_of(user) else can_work_counter(user)
    if filing.state not in RELIEF_OPEN_STATES:
        return Decision(False, RELIEF_CLOSED.format(state=filing.get_state_display()))
    return ALLOWED


def can_decide_relief(relief, user) -> Decision:
    """Grant or refuse fee relief: a supervisor of the filing's court, once the fee is fixed (registered)."""
    filing = relief.filing
    if not can_supervise(user) or user.court_id != filing.court_id:
        return Decision(False, RELIEF_SUPERVISOR_ONLY)
    if relief.state != "applied":
        return Decision(False, RELIEF_DECIDED.format(state=relief.get_state_display()))
    if filing.state != "registered":
        if filing.state in ("received", "under_review", "awaiting_correction"):
            return Decision(False, RELIEF_WAITS_FOR_REGISTRATION)
        return Decision(False, RELIEF_CLOSED.format(state=filing.get_state_display()))
    return ALLOWED


def can_rule_on_unpaid_fee(filing, user) -> Decision:
    """Treat as withdrawn, or keep the case, once the payment limit passed: a reviewing clerk (立案)."""
    if not (decision := can_review_filings(user)):
        return decision
    if filing.state != "registered":
        return Decision(False, NOT_REGISTERED.format(state=filing.get_state_display()))
    return ALLOWED


# --- Assignment (自动分案) --------------------------------------------------------------------------------

NOT_REGISTERED_FOR_ASSIGNMENT = "该立案申请当前状态为“{state}”，立案后才能分案。"
REASSIGN_SUPERVISOR_ONLY = "改分或指定承办法官须由本院诉讼服务中心负责人办理。"


def can_handle_cases(user) -> Decision:
    return can_enter(user, "courthall.handle_cases")


def can_reassign_filing(filing, user) -> Decision:
    """Reassign a case, or give a waiting one (待分案) a judge by hand: a supervisor of the filing's court,
    once the filing is registered."""
    if not (decision := can_supervise(user)):
        return decision
    if user.court_id != filing.court_id:
        return Decision(False, REASSIGN_SUPERVISOR_ONLY)
    if filing.state != "registered":
        return Decision(False, NOT_REGISTERED_FOR_ASSIGNMENT.format(state=filing.get_state_display()))
    return ALLOWED


# --- Pre-filing mediation (诉前调解) ---------------------------------------------------------------------

# 民事诉讼法 art. 125 (先行调解) concerns civil disputes: a first-instance suit between parties.
MEDIATION_CASE_TYPES = frozenset({"民初"})
NOT_MEDIABLE = "只有民事一审纠纷（民初）可以诉前调解（民事诉讼法第一百二十五条）。"
NOT_IN_MEDIATION = "该立案申请当前状态为“{state}”，不在诉前调解中。"
MEDIATION_NOT_SETTLED = "只有调解成功（达成调解协议）的诉前调解可以申请司法确认。"
CONFIRMATION_EXISTS = "该调解协议已申请司法确认（{number}），不能重复申请。"


def can_view_mediations(user) -> Decision:
    """The court's list of mediations: the window (who acts on them) and supervisors (钢城承诺六: overdue)."""
    if can_work_counter(user) or can_review_filings(user) or can_supervise(user):
        return ALLOWED
    return can_review_filings(user)


def can_send_to_mediation(filing, user) -> Decision:
    """Send a received civil filing to pre-filing mediation instead of deciding now: whoever may decide."""
    if not (decision := can_decide_filing(filing, user)):
        return decision
    if filing.case_type.code not in MEDIATION_CASE_TYPES:
        return Decision(False, NOT_MEDIABLE)
    return ALLOWED


def can_act_on_mediation(filing, user) -> Decision:
    """Extend, settle, withdraw or end a mediation in progress. Ending it registers the filing, so the role
    is the one that registers."""
    if not (decision := can_review_filings(user)):
        return decision
    if filing.state != "in_mediation":
        return Decision(False, NOT_IN_MEDIATION.format(state=filing.get_state_display()))
    return ALLOWED


def can_request_confirmation(filing, user) -> Decision:
    """Receive the parties' joint application for judicial confirmation of a settled mediation's agreement."""
    if not (decision := can_review_filings(user)):
        return decision
    mediation = getattr(filing, "mediation", None)
    if filing.state != "mediated" or mediation is None:
        return Decision(False, MEDIATION_NOT_SETTLED)
    if mediation.confirmation_filing_id is not None:
        number = mediation.confirmation_filing.case_number or f"收件第{mediation.confirmation_filing_id}号"
        return Decision(False, CONFIRMATION_EXISTS.format(number=number))
    return ALLOWED


ALREADY_CONSENTED = "您已于{when}同意诉前调解，请等待法院安排调解。"
NOT_CONSENTABLE = "该立案申请当前状态为“{state}”，不能再选择诉前调解。"


def can_consent_to_mediation_online(filing, user) -> Decision:
    """The filer agrees to pre-filing mediation in the portal: their own civil filing, still undecided."""
    if not is_filer(filing, user):
        return Decision(False, NOT_YOUR_FILING)
    if filing.case_type.code not in MEDIATION_CASE_TYPES:
        return Decision(False, NOT_MEDIABLE)
    if filing.state not in ("received", "under_review"):
        return Decision(False, NOT_CONSENTABLE.format(state=filing.get_state_display()))
    consent = getattr(filing, "mediation_consent", None)
    if consent is not None:
        when = timezone.localtime(consent.given_at).strftime("%Y年%m月%d日 %H:%M")
        return Decision(False, ALREADY_CONSENTED.format(when=when))
    return ALLOWED
