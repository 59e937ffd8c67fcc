"""manage.py render_sample_pdf OUT.pdf: the specimen 受理案件通知书, for the eye and for the benchmark."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand

from courthall.pdf import render_pdf

SAMPLE_TEMPLATE = "courthall/pdf/sample.html"


def sample_context() -> dict:
    """Plain data for the specimen: no database needed."""
    return {
        "court_name": "舞钢市人民法院",
        "court_address": "河南省舞钢市××路××号",
        # Typed with half-width brackets on purpose: the document must print them full-width.
        "case_number": "(2026)豫0481民初123号",
        "issued_on": date(2026, 3, 5),
        "addressee": "张某某",
        "plaintiffs": ["张某某"],
        "defendants": ["平顶山某某商贸有限公司"],
        "cause": "买卖合同纠纷",
        # 诉讼费用交纳办法 art. 13 on a claim of 150,000 yuan: 50 + 90,000 × 2.5% + 50,000 × 2%.
        "fee_amount": Decimal("3300.00"),
        "clerk": "王某",
        "contact_phone": "12368",
        "materials": [
            {"name": "民事起诉状", "copies": 2, "pages": 3, "original": True},
            {"name": "原告居民身份证复印件", "copies": 1, "pages": 1, "original": False},
            {"name": "被告企业信用信息公示报告", "copies": 1, "pages": 2, "original": False},
            {"name": "买卖合同", "copies": 1, "pages": 4, "original": False},
            {"name": "送货单、对账单", "copies": 1, "pages": 6, "original": False},
        ],
    }


class Command(BaseCommand):
    help = "生成受理案件通知书样张 PDF（舞钢市人民法院，（2026）豫0481民初123号），用于查看版式和基准测试。"

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="输出的 PDF 文件路径")

    def handle(self, *args, out: Path, **options):
        pdf_bytes = render_pdf(SAMPLE_TEMPLATE, sample_context())
        out.write_bytes(pdf_bytes)
        self.stdout.write(f"已写入 {out}（{len(pdf_bytes)} 字节）")
