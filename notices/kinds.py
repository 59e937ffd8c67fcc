"""What each kind of document is: its title, template, number and the snapshot it is rendered from.

A snapshot is plain JSON, written by the issuing app at the moment of issue: dates are ISO strings
("2026-03-05"), datetimes ISO with their offset ("2026-03-05T09:30:00+08:00"), money strings with two
decimals ("3300.00"). `parse_snapshot` checks it against the kind's schema and turns dates into `date`
and `datetime` objects for the template; nothing else reaches the template.

Every snapshot carries COMMON: the court as printed (`court_snapshot` builds it from a Court), the date
the document bears (`issued_on`) and the clerk to contact.

Changing what a template prints, or how, means raising its `template_version`: the stored PDF is the
record, and the version says which layout produced it.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError

from courthall.models import Court
from notices.models import NoticeKind

SNAPSHOT_MISSING = "文书数据缺少以下项目：{paths}。"
SNAPSHOT_INVALID = "文书数据以下项目格式不正确：{items}。"
SNAPSHOT_NOT_AN_OBJECT = "文书数据应为一个 JSON 对象。"


# --- A small schema language for snapshots ----------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One value of a snapshot. `type` is one of TYPES; `optional` values may be absent or null."""

    type: str
    optional: bool = False
    children: dict[str, "Field"] = field(default_factory=dict)  # type "object"
    item: "Field | None" = None  # type "list"
    min_items: int = 0


# type → what a wrong value should have been (shown in the error message)
TYPES = {
    "text": "非空文字",
    "string": "文字（可为空）",
    "date": "日期，如 2026-03-05",
    "datetime": "带时区的时间，如 2026-03-05T09:30:00+08:00",
    "money": "金额文字，两位小数，如 3300.00",
    "count": "正整数",
    "bool": "true 或 false",
    "object": "JSON 对象",
    "list": "列表",
}

TEXT = Field("text")
STRING = Field("string")
DATE = Field("date")
DATETIME = Field("datetime")
MONEY = Field("money")
COUNT = Field("count")
BOOL = Field("bool")


def optional(spec: Field) -> Field:
    return Field(spec.type, True, spec.children, spec.item, spec.min_items)


def obj(**children: Field) -> Field:
    return Field("object", children=children)


def list_of(item: Field, *, min_items: int = 0) -> Field:
    return Field("list", item=item, min_items=min_items)


MONEY_PATTERN = re.compile(r"\d{1,12}\.\d{2}")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse(spec: Field, value: Any, path: str, missing: list, invalid: list) -> Any:
    """The value as the template sees it; problems are appended to `missing` and `invalid`."""
    if value is None:
        if not spec.optional:
            missing.append(path)
        return None
    kind = spec.type
    try:
        if kind == "object" and isinstance(value, dict):
            parsed = dict(value)  # keys the schema does not name pass through unchanged
            for key, child in spec.children.items():
                child_path = f"{path}.{key}" if path else key
                if key not in value:
                    if not child.optional:
                        missing.append(child_path)
                    parsed[key] = None
                else:
                    parsed[key] = _parse(child, value[key], child_path, missing, invalid)
            return parsed
        if kind == "list" and isinstance(value, list):
            if len(value) < spec.min_items:
                invalid.append(f"{path}（至少 {spec.min_items} 项）")
            return [_parse(spec.item, item, f"{path}[{i}]", missing, invalid) for i, item in enumerate(value)]
        if kind == "text" and isinstance(value, str) and value.strip():
            return value.strip()
        if kind == "string" and isinstance(value, str):
            return value.strip()
        if kind == "money" and isinstance(value, str) and MONEY_PATTERN.fullmatch(value):
            return value
        if kind == "count" and type(value) is int and value >= 1:
            return value
        if kind == "bool" and isinstance(value, bool):
            return value
        if kind == "date" and isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            return date.fromisoformat(value)
        if kind == "datetime" and isinstance(value, str):
            parsed_datetime = datetime.fromisoformat(value)
            if parsed_datetime.tzinfo is not None:
                return parsed_datetime
    except ValueError:  # a date that does not exist, such as 2026-02-30
        pass
    invalid.append(f"{path}（应为{TYPES[kind]}）")
    return None


# --- The kinds -------------------------------------------------------------------------------------------

COMMON = {
    "court": obj(
        name=TEXT,
        code=TEXT,
        address=STRING,
        phone=STRING,  # the 12368 line
        appeal_court=STRING,  # 上一级人民法院, named in rulings
        fee_account=obj(name=STRING, bank=STRING, number=STRING),
    ),
    "issued_on": DATE,
    "clerk": obj(name=TEXT, phone=STRING),
}

# The parties and cause of a matter not yet registered: "张某某诉某某公司买卖合同纠纷".
MATTER = obj(plaintiffs=list_of(TEXT, min_items=1), defendants=list_of(TEXT, min_items=1), cause=TEXT)


@dataclass(frozen=True)
class KindSpec:
    kind: NoticeKind
    printed_title: str  # the title on the paper (a refusal is printed as 民事裁定书)
    number_code: str  # the character that marks the kind in the number: 豫0481收〔2026〕12号
    template_version: int
    schema: dict[str, Field]
    # Which snapshot key the document prints as its case number under the title (None: the notice's number)
    case_number_key: str | None = None

    @property
    def title(self) -> str:
        return self.kind.label

    @property
    def template_name(self) -> str:
        return f"notices/pdf/{self.kind.value}.html"


def _spec(kind, printed_title, number_code, schema, *, case_number_key=None, court=None) -> KindSpec:
    common = {**COMMON, "court": court} if court else COMMON
    return KindSpec(kind, printed_title, number_code, 1, {**common, **schema}, case_number_key)


KINDS: dict[str, KindSpec] = {
    spec.kind.value: spec
    for spec in (
        _spec(
            NoticeKind.RECEIPT,
            "材料收据",
            "收",
            {
                "submitter": TEXT,
                "received_at": DATETIME,
                "round": COUNT,  # 1: first submission; 2, 3…: corrections
                "filing_ref": TEXT,  # the filing's reference as the receipt shows it (收件编号)
                "materials": list_of(obj(name=TEXT, copies=COUNT, pages=COUNT, original=BOOL), min_items=1),
                "note": optional(STRING),
            },
        ),
        _spec(
            NoticeKind.CORRECTION,
            "补正材料通知书",
            "补",
            {
                "addressee": TEXT,
                "matter": MATTER,
                "received_on": DATE,
                "items": list_of(obj(material=TEXT, problem=TEXT, provide=TEXT), min_items=1),
                "deadline_on": DATE,
                "follow_up": BOOL,
            },
        ),
        _spec(
            NoticeKind.ACCEPTANCE,
            "受理案件通知书",
            "受",
            {
                "case_number": TEXT,
                "addressee": TEXT,
                "plaintiffs": list_of(TEXT, min_items=1),
                # Empty for an application without a respondent (民特, 民催, 诉前调确): `application`
                # then names what is applied for, and the notice speaks of 申请人 and 申请.
                "defendants": list_of(TEXT),
                "application": optional(STRING),
                "cause": TEXT,
                "fee_total": optional(MONEY),  # null: no advance payment (e.g. wage claims)
                "registered_on": DATE,
            },
            case_number_key="case_number",
        ),
        _spec(
            NoticeKind.FEE,
            "交纳诉讼费用通知书",
            "费",
            {
                "case_number": TEXT,
                "addressee": TEXT,
                "amounts": obj(acceptance_fee=MONEY, application_fee=MONEY, other=MONEY, total=MONEY),
                "basis": optional(STRING),
            },
            case_number_key="case_number",
            # The party pays into this account: it must be printed in full.
            court=obj(
                name=TEXT,
                code=TEXT,
                address=STRING,
                phone=STRING,
                appeal_court=STRING,
                fee_account=obj(name=TEXT, bank=TEXT, number=TEXT),
            ),
        ),
        _spec(
            NoticeKind.REFUSAL,
            "民事裁定书",
            "裁",
            {
                "case_number": optional(TEXT),
                "filers": list_of(obj(name=TEXT, details=STRING), min_items=1),
                "received_on": DATE,
                "claims": TEXT,
                "reasons": TEXT,
                "legal_basis": TEXT,
                "judge": TEXT,
            },
            case_number_key="case_number",
            # The ruling names the court an appeal goes to.
            court=obj(
                name=TEXT,
                code=TEXT,
                address=STRING,
                phone=STRING,
                appeal_court=TEXT,
                fee_account=obj(name=STRING, bank=STRING, number=STRING),
            ),
        ),
        _spec(
            NoticeKind.JURISDICTION,
            "不属本院管辖告知书",
            "管",
            {
                "addressee": TEXT,
                "matter": MATTER,
                "received_on": DATE,
                "competent_court": TEXT,
                "reason": TEXT,
                "materials_returned": list_of(TEXT, min_items=1),
            },
        ),
        _spec(
            NoticeKind.EVIDENCE,
            "举证通知书",
            "举",
            {
                "case_number": TEXT,
                "addressee": TEXT,
                "matter": MATTER,
                # 举证期限 in days from the day after service (民诉法解释 art. 99; see the setting).
                "period_days": COUNT,
            },
            case_number_key="case_number",
        ),
        # 受理执行案件通知书: the acceptance notice of an application for enforcement (执).
        _spec(
            NoticeKind.ENFORCEMENT,
            "受理执行案件通知书",
            "执受",
            {
                "case_number": TEXT,
                "addressee": TEXT,
                "applicants": list_of(TEXT, min_items=1),
                "respondents": list_of(TEXT, min_items=1),
                # 执行依据: the effective instrument, as the applicant named it and the clerk confirmed it.
                "basis": obj(issuer=TEXT, case_number=TEXT, instrument=TEXT),
                "amount": optional(MONEY),  # 申请执行金额; null when the instrument orders no payment
                "fee_total": optional(MONEY),  # 申请执行费, paid after enforcement (诉讼费用交纳办法 art. 20)
                "registered_on": DATE,
            },
            case_number_key="case_number",
        ),
        # 诉讼费交费收据: one per payment recorded in the fee ledger (seed 000 第四条 诉讼费收退), with the
        # ledger as it stands after the payment.
        _spec(
            NoticeKind.FEE_RECEIPT,
            "诉讼费交费收据",
            "费收",
            {
                "case_number": TEXT,
                "payer": TEXT,
                "amount": MONEY,
                "method": TEXT,  # as printed: 银行转账, POS 刷卡, 网上缴费
                "reference": TEXT,
                "paid_on": DATE,
                "ledger": obj(charged=MONEY, paid=MONEY, refunded=MONEY, balance=MONEY),
            },
            case_number_key="case_number",
        ),
        # 司法救助决定书 (诉讼费用交纳办法 arts. 44–47): deferral, reduction or waiver granted.
        _spec(
            NoticeKind.RELIEF_GRANT,
            "司法救助决定书",
            "救",
            {
                "case_number": TEXT,
                "applicant": TEXT,
                "matter": MATTER,
                "applied_on": DATE,
                "relief": TEXT,  # 缓交 / 减交 / 免交
                "ground": TEXT,  # the article and item of the Measures: 第四十六条第（一）项
                "fee_before": MONEY,
                "fee_after": MONEY,  # what is still to pay (0.00 after a waiver)
                "percentage": optional(STRING),  # 减交: the share taken off, e.g. "30"
                "deferred_to": optional(DATE),  # 缓交: pay by this day
                "judge": TEXT,
            },
            case_number_key="case_number",
        ),
        # 不予司法救助通知书: a refusal, always written with its reasons (诉讼费用交纳办法 art. 48).
        _spec(
            NoticeKind.RELIEF_REFUSAL,
            "不予司法救助通知书",
            "救否",
            {
                "case_number": TEXT,
                "applicant": TEXT,
                "matter": MATTER,
                "applied_on": DATE,
                "relief": TEXT,
                "reasons": TEXT,
                "fee": MONEY,
            },
            case_number_key="case_number",
        ),
        # 民事裁定书（按撤诉处理）: fee unpaid at the limit (诉讼费用交纳办法 art. 22; 民诉法解释 art. 213).
        _spec(
            NoticeKind.TREATED_WITHDRAWN,
            "民事裁定书",
            "撤",
            {
                "case_number": TEXT,
                "plaintiffs": list_of(obj(name=TEXT, details=STRING), min_items=1),
                "defendants": list_of(obj(name=TEXT, details=STRING)),
                "cause": TEXT,
                "registered_on": DATE,
                # What started the limit: "fee_notice", "relief_refusal", "relief_reduction" (a document
                # served on `served_on`) or "relief_deferral" (granted on `served_on`, to `due_on`).
                "started_by": TEXT,
                "served_on": DATE,
                "due_on": DATE,
                "fee": MONEY,
                "legal_basis": TEXT,
                "judge": TEXT,
            },
            case_number_key="case_number",
        ),
        # 材料收转回执 (舞钢规范第十二条 材料收转): materials a caller handed in for a judge, received by the
        # service centre and transferred to that judge; the caller keeps this as proof.
        _spec(
            NoticeKind.TRANSFER_RECEIPT,
            "材料收转回执",
            "转",
            {
                "submitter": TEXT,
                "received_at": DATETIME,
                "ticket_ref": TEXT,  # the work order's number read to the caller (工单编号)
                "receiver": obj(name=TEXT, department=STRING),  # the judge the materials go to
                # The case they concern, printed under the title; the receipt's own number when none.
                "case_number": optional(STRING),
                "materials": list_of(obj(name=TEXT, copies=COUNT, pages=COUNT, original=BOOL), min_items=1),
                "note": optional(STRING),
            },
            case_number_key="case_number",
        ),
        _spec(
            NoticeKind.RETURN,
            "退回材料通知书",
            "退",
            {
                "addressee": TEXT,
                "matter": MATTER,
                "notice_number": TEXT,
                "deadline_on": DATE,
                "materials_returned": list_of(TEXT, min_items=1),
            },
        ),
    )
}


def kind_spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValidationError(f"没有这种文书：{kind}。") from None


def parse_snapshot(kind: str, snapshot: Any) -> dict:
    """The snapshot with its dates as date/datetime objects, or ValidationError naming every problem."""
    spec = kind_spec(kind)
    if not isinstance(snapshot, dict):
        raise ValidationError(SNAPSHOT_NOT_AN_OBJECT)
    missing: list[str] = []
    invalid: list[str] = []
    parsed = _parse(obj(**spec.schema), snapshot, "", missing, invalid)
    errors = []
    if missing:
        errors.append(SNAPSHOT_MISSING.format(paths="、".join(missing)))
    if invalid:
        errors.append(SNAPSHOT_INVALID.format(items="、".join(invalid)))
    if errors:
        raise ValidationError(errors)
    return parsed


def format_number(*, court_code: str, kind: str, year: int, serial: int) -> str:
    """豫0481收〔2026〕12号: court code, kind character, year in 六角括号 (GB/T 9704 发文字号), serial.

    Deliberately not the shape of a case number ((2026)豫0481民初12号, 案号规定): a document's serial
    must never be mistaken for a case number, nor printed with 字第.
    """
    return f"{court_code}{KINDS[kind].number_code}〔{year}〕{serial}号"


def court_snapshot(court: Court) -> dict:
    """The "court" part of a snapshot, as the court's record reads now."""
    return {
        "name": court.name,
        "code": court.code,
        "address": court.address,
        "phone": court.hotline_phone,
        "appeal_court": court.appeal_court,
        "fee_account": {
            "name": court.fee_account_name,
            "bank": court.fee_account_bank,
            "number": court.fee_account_number,
        },
    }


def _parties_and_cause(plaintiffs, defendants, cause) -> str:
    if not plaintiffs:
        return ""
    if not defendants:  # an application: 张三、李四（买卖合同纠纷）
        return f"{'、'.join(map(str, plaintiffs))}（{cause}）" if cause else "、".join(map(str, plaintiffs))
    return f"{'、'.join(map(str, plaintiffs))}诉{'、'.join(map(str, defendants))}{cause or ''}"


def snapshot_matter(snapshot: Any) -> str:
    """What a document is about, in one line for a list (the inbox): its case number; else the parties and
    cause of the matter not yet registered; else the filing reference a receipt carries. "" if none."""
    if not isinstance(snapshot, dict):
        return ""
    if snapshot.get("case_number"):
        return str(snapshot["case_number"])
    matter = snapshot.get("matter")
    if isinstance(matter, dict):
        return _parties_and_cause(matter.get("plaintiffs"), matter.get("defendants"), matter.get("cause"))
    if snapshot.get("plaintiffs"):
        return _parties_and_cause(
            snapshot.get("plaintiffs"), snapshot.get("defendants"), snapshot.get("cause")
        )
    return str(snapshot.get("filing_ref") or "")
