import functools
import logging
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from django.conf import settings
from django.template import Context, Template
from pypdf import PdfReader

from courthall import pdf
from courthall.management.commands.render_sample_pdf import SAMPLE_TEMPLATE, sample_context
from tests.conftest import skip_or_fail

A4_POINTS = (595.28, 841.89)


def require_cjk_font() -> None:
    if not pdf.cjk_font_families():
        skip_or_fail("没有中文字体（apt-get install fonts-noto-cjk）：无法检查 PDF 中的汉字")


@functools.cache
def rendered_sample() -> bytes:
    return pdf.render_pdf(SAMPLE_TEMPLATE, sample_context())


def pdf_text(pdf_bytes: bytes) -> str:
    """The text of every page, with the line breaks of the layout taken out so that phrases are whole."""
    pages = PdfReader(BytesIO(pdf_bytes)).pages
    return "".join(page.extract_text().replace("\n", "") for page in pages)


# --- Rendering ---------------------------------------------------------------------------------------------


def test_sample_prints_the_chinese_it_was_given():
    require_cjk_font()
    text = pdf_text(rendered_sample())
    assert "舞钢市人民法院" in text
    assert "受理案件通知书" in text
    # Given as (2026)… with half-width brackets: printed full-width (DOMAIN §2).
    assert "（2026）豫0481民初123号" in text
    assert "(2026)" not in text
    assert "张某某诉平顶山某某商贸有限公司买卖合同纠纷一案的起诉" in text
    assert "本院决定立案审理" in text
    assert "一、在诉讼过程中" in text and "五、案件的审判流程信息" in text
    assert "二〇二六年三月五日" in text
    assert "被告企业信用信息公示报告" in text


def test_sample_is_a4_with_page_numbers_from_the_stylesheet():
    require_cjk_font()
    reader = PdfReader(BytesIO(rendered_sample()))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4_POINTS[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4_POINTS[1], abs=0.5)
    # "— 1 —" (em dashes, en spaces) exists only in document.css (@page): the stylesheet was applied.
    assert "—\u20021\u2002—" in reader.pages[0].extract_text()


def test_fonts_are_embedded_as_subsets():
    require_cjk_font()
    pdf_bytes = rendered_sample()
    reader = PdfReader(BytesIO(pdf_bytes))
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts
    # A subset font's name carries a six-letter tag: /ABCDEF+Noto-Serif-CJK-SC.
    assert all(name[7] == "+" and name[1:7].isupper() for name in fonts), fonts
    # One whole Noto CJK face is 15 MB or more; two subsets of a two-page notice are a few hundred KB.
    assert len(pdf_bytes) < 600_000


def test_base_template_prints_its_context_without_a_body():
    require_cjk_font()
    pdf_bytes = pdf.render_pdf(
        "courthall/pdf/base.html",
        {
            "court_name": "济南市钢城区人民法院",
            "case_number": "(2026)鲁0117民特7号",
            "issued_on": date(2026, 10, 10),
        },
    )
    text = pdf_text(pdf_bytes)
    assert text.count("济南市钢城区人民法院") == 2  # the heading and the closing
    assert "（2026）鲁0117民特7号" in text
    assert "二〇二六年十月十日" in text


def test_rendering_the_same_context_twice_gives_the_same_bytes():
    require_cjk_font()
    # Notices store the SHA-256 of what they issued: a re-render must be able to reproduce it.
    assert pdf.render_pdf(SAMPLE_TEMPLATE, sample_context()) == rendered_sample()


# --- What a document may load ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/document.css",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        "file://example.com/static/css/document.css",
        f"file://{settings.BASE_DIR}/courthall/settings.py",
        "static/../courthall/settings.py",
        "static/%2e%2e/courthall/settings.py",
        "/static/css/..%2f..%2fcourthall/settings.py",
        "static/css/missing.css",
        "static/",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url, caplog):
    fetcher = pdf.static_files_url_fetcher()
    with caplog.at_level(logging.WARNING, logger="courthall.pdf"), pytest.raises(pdf.ResourceRefused):
        fetcher.fetch(url)
    assert url in caplog.text


@pytest.mark.parametrize(
    "url", ["static/css/document.css", "/static/css/document.css", "file:///static/css/document.css"]
)
def test_fetcher_serves_the_document_stylesheet(url):
    response = pdf.static_files_url_fetcher().fetch(url)
    try:
        assert response.content_type == "text/css"
        assert response.read() == (settings.BASE_DIR / "static/css/document.css").read_bytes()
        assert response.path == str(settings.BASE_DIR / "static/css/document.css")
    finally:
        response.close()


def test_fetcher_serves_inline_data():
    response = pdf.static_files_url_fetcher().fetch("data:text/plain;base64,5rOV6Zmi")
    assert response.read().decode() == "法院"


def test_refused_resource_is_missing_from_the_document_not_an_error(caplog):
    require_cjk_font()  # Pango crashes outright on a machine with no font at all
    from weasyprint import HTML

    html = '<p>正文</p><img src="http://127.0.0.1:9/seal.png"><img src="file:///etc/passwd">'
    document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.static_files_url_fetcher())
    with caplog.at_level(logging.WARNING):
        pdf_bytes = document.write_pdf()
    assert pdf_bytes.startswith(b"%PDF")
    assert "http://127.0.0.1:9/seal.png" in caplog.text
    assert "file:///etc/passwd" in caplog.text


# --- Printing conventions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (date(2026, 3, 5), "二〇二六年三月五日"),
        (date(2026, 10, 10), "二〇二六年十月十日"),
        (date(2026, 12, 31), "二〇二六年十二月三十一日"),
        (date(2020, 1, 20), "二〇二〇年一月二十日"),
        (date(2019, 11, 19), "二〇一九年十一月十九日"),
        # 17:00 UTC on 4 March is already 5 March in the court's time zone (Asia/Shanghai).
        (datetime(2026, 3, 4, 17, 0, tzinfo=UTC), "二〇二六年三月五日"),
    ],
)
def test_chinese_date(value, printed):
    assert pdf.chinese_date(value) == printed


def test_chinese_date_refuses_what_is_not_a_date():
    with pytest.raises(TypeError):
        pdf.chinese_date("2026-03-05")


def test_document_filters():
    template = Template(
        "{% load documents %}"
        "{{ on|chinese_date }}|{{ missing|chinese_date }}|{{ number|full_width_brackets }}"
    )
    context = Context({"on": date(2026, 3, 5), "missing": None, "number": "(2026)豫0481民初123号"})
    assert template.render(context) == "二〇二六年三月五日||（2026）豫0481民初123号"
