"""Issuing and reissuing: numbers, snapshots, the PDF and its hash, codes, immutability."""

import hashlib
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from courthall.roles import AGENT, CLERK
from notices import services
from notices.kinds import KINDS
from notices.models import NOTICE_IMMUTABLE, Notice, NoticeCounter
from notices.services import (
    NOT_THE_LATEST_VERSION,
    VERIFICATION_ALPHABET,
    notice_reissue,
    render_notice,
)
from notices.specimens import specimen_snapshot
from tests.courthall.test_pdf import pdf_text
from tests.factories import CourtFactory, UserFactory

VERIFY_TEXT = "可登录本院诉讼服务网 /verify/ 输入验证码核验"

# What each document must say, beyond the court, the title, the number and the code (DOMAIN §6).
EXPECTED_TEXT = {
    "receipt": [
        "收件第20260305-0007号",
        "2026年3月5日 9:32",
        "首次提交",
        "被告企业信用信息公示报告",
        "原件",
        "复印件",
        "不表示已经立案",
        "（立案专用章）",
    ],
    "correction": [
        "张某某诉平顶山某某商贸有限公司买卖合同纠纷一案的起诉材料",
        "一、民事起诉状：未写明被告的住所地和联系方式。请提供：",
        "二、证据材料",
        "三、授权委托书",
        "一次性告知",
        "2026年3月12日前",
        "自收到补正材料之日起计算",
        "退回起诉材料并记录在册",
        "不予受理的裁定",
    ],
    "acceptance": [
        "（2026）豫0481民初123号",
        "张某某诉平顶山某某商贸有限公司买卖合同纠纷一案的起诉状已收到",
        "经审查，起诉符合法定受理条件，本院决定立案审理",
        "一、在诉讼过程中",
        "二、当事人、法定代理人可以委托一至二人作为诉讼代理人",
        "授权委托书",
        "七日内向本院预交案件受理费3300.00元",
        "按撤诉处理",
        "缓交、减交或者免交",
        "中国裁判文书网",
        "二〇二六年三月五日",
    ],
    "enforcement": [
        "（2026）豫0481执45号",
        "张某某：",
        "你（单位）申请执行舞钢市人民法院（2025）豫0481民初456号判决书一案",
        "被执行人为平顶山某某商贸有限公司，申请执行金额100000.00元",
        "本院已于2026年3月5日立案执行",
        "无须另行提交法律文书生效证明",
        "申请执行费1400.00元，你（单位）无须预交，执行后交纳",
        "中国执行信息公开网",
        "二〇二六年三月五日",
    ],
    "fee_receipt": [
        "（2026）豫0481民初123号",
        "收到张某某交纳的本案诉讼费用",
        "人民币（大写）贰仟元整　¥2000.00",
        "POS20260305093211",
        "2026年3月5日",
        "收款人 王敏",
        "交本笔后 3300.00 2000.00 1300.00",
        "尚欠部分请按本院通知的期限交纳",
    ],
    "relief_grant": [
        "（2026）豫0481民初123号",
        "申请人：张某某。",
        "本院受理张某某诉平顶山某某商贸有限公司买卖合同纠纷一案后，申请人于2026年3月5日向本院申请减交诉讼费用",
        "符合《诉讼费用交纳办法》第四十六条第（一）项规定的情形",
        "准予申请人张某某减交本案案件受理费50%，即由3300.00元减为1650.00元",
        "自收到本决定书次日起七日内交纳1650.00元",
        "二〇二六年三月五日",
    ],
    "relief_refusal": [
        "（2026）豫0481民初123号",
        "张某某：",
        "于2026年3月5日向本院申请免交诉讼费用",
        "本院经审查认为，申请人提交的证明材料不能证明其无固定生活来源。",
        "《诉讼费用交纳办法》第四十八条",
        "预交案件受理费3300.00元",
    ],
    "treated_withdrawn": [
        "（2026）豫0481民初123号",
        "原告：张某某，男，1980年1月1日出生，汉族，住河南省舞钢市。",
        "被告：平顶山某某商贸有限公司，住所地河南省平顶山市。",
        "本院于2026年3月5日立案受理原告张某某诉被告平顶山某某商贸有限公司买卖合同纠纷一案",
        "通知其于2026年3月12日前预交案件受理费3300.00元",
        "第二百一十三条",
        "本案按原告张某某撤回起诉处理。",
        "二〇二六年三月五日",
    ],
    "evidence": [
        "（2026）豫0481民初123号",
        "张某某：",
        "本院已立案受理张某某诉平顶山某某商贸有限公司买卖合同纠纷一案",
        "有责任提供证据（《中华人民共和国民事诉讼法》第六十七条第一款）",
        "自收到本通知书之次日起十五日内向本院提交证据",
        "可以在期限届满前向本院书面申请延长",
        "或者采纳该证据但予以训诫、罚款",
        "可以申请保全证据（《中华人民共和国民事诉讼法》第八十四条）",
        "二〇二六年三月五日",
    ],
    "fee": [
        "（2026）豫0481民初123号",
        "案件受理费",
        "3300.00",
        "申请费",
        "1270.00",
        "4570.00",
        "自收到本通知次日起七日内",
        "按撤诉处理",
        "缓交、减交或者免交",
        "舞钢市人民法院诉讼费专户",
        "16-603101040000000",
    ],
    "refusal": [
        "民事裁定书",
        "（2026）豫0481民初124号",
        "起诉人：李某某，男，1975年6月12日出生",
        "2026年3月2日，本院收到李某某的起诉状",
        "本院经审查认为",
        "第一百二十七条第五项",
        "规定，裁定如下：",
        "对李某某的起诉，本院不予受理。",
        "十日内",
        "上诉于平顶山市中级人民法院",
        "陈立新",
        "二〇二六年三月五日",
    ],
    "jurisdiction": [
        "刘某某诉郑州某某置业有限公司商品房预售合同纠纷一案",
        "不属于本院管辖",
        "向有管辖权的郑州市金水区人民法院提起诉讼",
        "一、民事起诉状（原件二份）；",
        "三、商品房买卖合同复印件一份。",
        "材料领取人（签名）",
    ],
    "transfer_receipt": [
        "工单编号 2026-000123",
        "转交给 赵志强（民事审判庭）",
        "（2026）豫0481民初123号",
        "证据补充材料",
        "质证意见",
        "2项",
        "已由本院诉讼服务中心收到，并转交赵志强",
    ],
    "return": [
        "豫0481补〔2026〕15号补正材料通知书",
        "2026年3月12日届满",
        "你未在指定期限内补正",
        "退回，并记录在册",
        "一、民事起诉状（原件二份）；",
        "不予受理的裁定",
    ],
}


def serial(notice: Notice) -> int:
    return int(notice.number.split("〕")[1].removesuffix("号"))


# --- The documents --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_prints_its_snapshot_number_and_code(kind, issue, court, cjk_font):
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=UTC)):
        notice = issue(kind)
    text = pdf_text(bytes(notice.pdf))

    assert court.name in text
    assert KINDS[kind].printed_title in text
    assert notice.number.startswith(f"{court.code}{KINDS[kind].number_code}〔2026〕")
    assert notice.number in text
    assert notice.verification_code in text
    assert VERIFY_TEXT in text
    assert "(2026)" not in text  # case numbers print with full-width brackets
    for expected in EXPECTED_TEXT[kind]:
        assert expected in text, expected
    assert notice.sha256 not in text  # the hash of the PDF cannot be in the PDF


def test_a_ruling_names_the_filer_not_a_plaintiff_or_defendant(issue, cjk_font):
    text = pdf_text(bytes(issue("refusal").pdf))
    assert "原告" not in text and "被告" not in text


def test_follow_up_correction_is_about_the_corrections(issue, snapshot_for, cjk_font):
    snapshot = {**snapshot_for("correction"), "follow_up": True}
    text = pdf_text(bytes(issue("correction", snapshot=snapshot).pdf))
    assert "补正材料，本院已经收到" in text
    assert "仍有下列问题" in text


def test_acceptance_without_an_advance_fee(issue, snapshot_for, cjk_font):
    snapshot = {**snapshot_for("acceptance"), "fee_total": None}
    text = pdf_text(bytes(issue("acceptance", snapshot=snapshot).pdf))
    assert "本案暂不需要预交案件受理费" in text
    assert "None" not in text


def test_refusal_without_a_case_number_prints_its_own_number(issue, snapshot_for, cjk_font):
    snapshot = {**snapshot_for("refusal"), "case_number": None}
    notice = issue("refusal", snapshot=snapshot)
    text = pdf_text(bytes(notice.pdf))
    assert text.count(notice.number) >= 2  # under the title, and at the head of every page


def test_stored_pdf_hash_and_template_are_recorded(issue, clerk, court, cjk_font):
    notice = issue("acceptance")
    notice.refresh_from_db()
    pdf = bytes(notice.pdf)
    assert pdf.startswith(b"%PDF-")
    assert notice.sha256 == hashlib.sha256(pdf).hexdigest()
    assert notice.template_name == "notices/pdf/acceptance.html"
    assert notice.template_version == KINDS["acceptance"].template_version
    assert (notice.court, notice.issued_by, notice.subject, notice.version) == (court, clerk, "filing:42", 1)
    assert notice.supersedes is None and notice.is_current


def test_the_document_is_rendered_from_its_snapshot_alone(issue, cjk_font):
    notice = issue("correction")
    again = render_notice(
        KINDS[notice.kind],
        notice.snapshot,
        number=notice.number,
        verification_code=notice.verification_code,
        version=notice.version,
    )
    assert again == bytes(notice.pdf)


# --- Refusals: nothing is issued, no number is used -----------------------------------------------------


def test_missing_snapshot_keys_are_refused_and_use_no_number(issue, snapshot_for, fake_render):
    snapshot = snapshot_for("correction")
    del snapshot["deadline_on"]
    del snapshot["matter"]["cause"]
    with pytest.raises(ValidationError) as raised:
        issue("correction", snapshot=snapshot)
    assert "deadline_on" in raised.value.messages[0] and "matter.cause" in raised.value.messages[0]
    assert not Notice.objects.exists()
    assert serial(issue("correction")) == 1


def test_snapshot_of_another_court_is_refused(issue, snapshot_for, fake_render):
    snapshot = snapshot_for("receipt")
    snapshot["court"]["code"] = "鲁0117"
    with pytest.raises(ValidationError, match="鲁0117"):
        issue("receipt", snapshot=snapshot)


def test_only_the_courts_own_counter_and_review_staff_issue(issue, court, fake_render):
    with pytest.raises(PermissionDenied):
        issue(issued_by=UserFactory(role=AGENT, court=court))
    with pytest.raises(PermissionDenied):
        issue(issued_by=UserFactory(role=None, court=court))
    with pytest.raises(PermissionDenied):
        issue(issued_by=UserFactory(role=CLERK))  # a clerk of another court
    assert not Notice.objects.exists()


def test_subject_and_addressee_are_required(issue, fake_render):
    with pytest.raises(ValidationError):
        issue(subject=" ")
    with pytest.raises(ValidationError):
        issue(addressee="")


# --- Numbers --------------------------------------------------------------------------------------------


def test_numbers_run_per_court_year_and_kind(issue, court, fake_render):
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=UTC)):
        receipts = [issue("receipt") for _ in range(3)]
        correction = issue("correction")
    assert [notice.number for notice in receipts] == [
        "豫0481收〔2026〕1号",
        "豫0481收〔2026〕2号",
        "豫0481收〔2026〕3号",
    ]
    assert correction.number == "豫0481补〔2026〕1号"

    other_court = CourtFactory(code="豫0402")
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=UTC)):
        other = issue(
            "receipt",
            court=other_court,
            issued_by=UserFactory(role=CLERK, court=other_court),
            snapshot=specimen_snapshot("receipt", court_code="豫0402"),
        )
    assert other.number == "豫0402收〔2026〕1号"

    # 16:30 UTC on 31 December is already New Year in the court's time zone: a new year, a new series.
    with time_machine.travel(datetime(2026, 12, 31, 16, 30, tzinfo=UTC)):
        assert issue("receipt").number == "豫0481收〔2027〕1号"
    assert NoticeCounter.objects.get(court=court, year=2026, kind="receipt").last == 3


def test_a_rolled_back_issue_gives_its_number_back(issue, fake_render):
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        assert serial(issue("receipt")) == 1
        raise Abandoned  # e.g. the filing's registration failed after the receipt was issued
    assert serial(issue("receipt")) == 1


# --- Verification codes ---------------------------------------------------------------------------------


def test_verification_codes_are_ten_unambiguous_characters(issue, fake_render):
    codes = {issue().verification_code for _ in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) == 10
        assert set(code) <= set(VERIFICATION_ALPHABET)
    assert not set("01OIL") & set(VERIFICATION_ALPHABET)


def test_a_code_already_taken_is_drawn_again(issue, monkeypatch, fake_render):
    taken = issue().verification_code
    draws = iter([taken, taken, "23456789AB"])
    monkeypatch.setattr(services, "new_verification_code", lambda: next(draws))
    notice = issue()
    assert notice.verification_code == "23456789AB"
    assert b"23456789AB" in bytes(notice.pdf)  # the code printed is the code stored


# --- Versions and immutability --------------------------------------------------------------------------


def test_reissue_makes_a_new_version_with_the_same_number(issue, clerk, snapshot_for, cjk_font):
    first = issue("acceptance")
    first_pdf = bytes(first.pdf)
    corrected = {**snapshot_for("acceptance"), "defendants": ["平顶山某某商贸股份有限公司"]}

    second = notice_reissue(notice=first, snapshot=corrected, issued_by=clerk)

    first.refresh_from_db()
    assert bytes(first.pdf) == first_pdf and first.version == 1  # the old one stays as issued
    assert (second.number, second.version, second.supersedes) == (first.number, 2, first)
    assert second.verification_code != first.verification_code
    assert second.sha256 != first.sha256
    assert "平顶山某某商贸股份有限公司" in pdf_text(bytes(second.pdf))
    assert "（第2版）" in pdf_text(bytes(second.pdf))
    assert not Notice.objects.get(pk=first.pk).is_current
    assert Notice.objects.get(pk=second.pk).is_current
    assert list(Notice.objects.current()) == [second]
    assert second.addressee == first.addressee


def test_only_the_latest_version_is_reissued(issue, clerk, snapshot_for, fake_render):
    first = issue("receipt")
    notice_reissue(notice=first, snapshot=snapshot_for("receipt"), issued_by=clerk, addressee="张某")
    with pytest.raises(ValidationError) as raised:
        notice_reissue(notice=first, snapshot=snapshot_for("receipt"), issued_by=clerk)
    assert raised.value.messages == [NOT_THE_LATEST_VERSION.format(version=2)]


def test_reissue_checks_the_snapshot_and_the_issuer(issue, court, snapshot_for, fake_render):
    first = issue("receipt")
    with pytest.raises(ValidationError, match="submitter"):
        notice_reissue(
            notice=first, snapshot={**snapshot_for("receipt"), "submitter": ""}, issued_by=first.issued_by
        )
    with pytest.raises(PermissionDenied):
        notice_reissue(
            notice=first, snapshot=snapshot_for("receipt"), issued_by=UserFactory(role=AGENT, court=court)
        )
    assert Notice.objects.count() == 1


def test_an_issued_notice_is_never_changed_or_deleted(issue, fake_render):
    notice = issue()
    notice.addressee = "李某某"
    with pytest.raises(ValidationError, match=NOTICE_IMMUTABLE):
        notice.save()
    with pytest.raises(ValidationError, match=NOTICE_IMMUTABLE):
        Notice.objects.filter(pk=notice.pk).update(addressee="李某某")
    with pytest.raises(ValidationError, match=NOTICE_IMMUTABLE):
        notice.delete()
    with pytest.raises(ValidationError, match=NOTICE_IMMUTABLE):
        Notice.objects.all().delete()
    assert Notice.objects.get(pk=notice.pk).addressee == "张某某"
