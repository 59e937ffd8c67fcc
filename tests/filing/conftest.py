import pytest
from django.utils import timezone

from courthall.models import PortalAccountKind
from courthall.roles import CLERK, LAWYER, SUPERVISOR
from filing.models import CaseType, PartyRole
from filing.services.filings import MaterialInput, PartyInput, filing_receive
from tests.conftest import skip_or_fail
from tests.factories import PortalAccountFactory, PortalUserFactory, UserFactory


@pytest.fixture
def pdf_fonts():
    from courthall.pdf import cjk_font_families

    if not cjk_font_families():
        skip_or_fail("没有中文字体：无法生成文书 PDF")


@pytest.fixture
def wugang(reference_data):
    from courthall.models import Court

    court = Court.objects.get(code="豫0481")
    court.fee_account_name, court.fee_account_bank, court.fee_account_number = (
        "舞钢市人民法院",
        "测试银行",
        "0481",
    )
    court.save()
    return court


@pytest.fixture
def clerk(wugang):
    return UserFactory(court=wugang, full_name="张敏", mobile="13800138000", role=CLERK)


@pytest.fixture
def supervisor(wugang):
    return UserFactory(court=wugang, full_name="刘芳", role=SUPERVISOR)


@pytest.fixture
def lawyer(db, reference_data):
    """A verified lawyer's portal account (王律师, 河南某某律师事务所)."""
    user = PortalUserFactory(full_name="王律师", role=LAWYER)
    PortalAccountFactory(
        user=user,
        kind=PortalAccountKind.LAWYER,
        firm="河南某某律师事务所",
        licence_number="14104202010123456",
        verified_at=timezone.now(),
    )
    return user


def civil_filing(user, *, amount="150000", defendants=1, **overrides):
    parties = [
        PartyInput(
            role=PartyRole.PLAINTIFF,
            name="张三",
            id_type="resident_id",
            id_number="11010519491231002X",
            phone="13800138000",
            address="河南省舞钢市",
        ),
        *[
            PartyInput(role=PartyRole.DEFENDANT, name=f"李四{i or ''}", address="河南省平顶山市")
            for i in range(defendants)
        ],
    ]
    values = {
        "user": user,
        "case_type": CaseType.objects.get(code="民初"),
        "claims": "判令被告偿还借款本金150000元及利息。",
        "parties": parties,
        "materials": [
            MaterialInput(name="起诉状", copies=1 + defendants, pages=3, is_original=True),
            MaterialInput(name="原告身份证明", copies=1, pages=1),
        ],
        "submitter_name": "张三",
        "cause_text": "民间借贷纠纷",
        "amount_in_dispute": amount,
    }
    values.update(overrides)
    return filing_receive(**values)
