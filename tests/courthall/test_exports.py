import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from courthall.exports import Column, export_response

COLUMNS = [
    Column("案号", lambda row: row[0]),
    Column("收到日期", lambda row: row[1]),
    Column("金额", lambda row: row[2]),
    Column("当场立案", lambda row: row[3]),
]
ROWS = [
    ("（2026）豫0481民初1号", date(2026, 12, 1), Decimal("3300.00"), True),
    ('=HYPERLINK("x")', datetime(2026, 12, 1, 2, 5, tzinfo=ZoneInfo("UTC")), 7, False),
    ("含\x07控制符 & <尖括号>", None, None, None),
]


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_has_a_bom_the_heading_and_every_row_as_text_excel_reads_safely():
    response = export_response("csv", filename="超期清单", columns=COLUMNS, rows=iter(ROWS))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''%E8%B6%85%E6%9C%9F%E6%B8%85%E5%8D%95.csv" in response["Content-Disposition"]
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["案号", "收到日期", "金额", "当场立案"]
    assert rows[1] == ["（2026）豫0481民初1号", "2026-12-01", "3300.00", "是"]
    # A cell that Excel would run as a formula is kept as text; datetimes are in the court's time zone.
    assert rows[2] == ['\'=HYPERLINK("x")', "2026-12-01 10:05", "7", "否"]
    assert len(rows) == 4


def test_xlsx_opens_in_openpyxl_with_the_same_cells():
    response = export_response("xlsx", filename="超期清单", columns=COLUMNS, rows=iter(ROWS))
    body = _body(response)
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["案号", "收到日期", "金额", "当场立案"]
    assert values[1] == ["（2026）豫0481民初1号", "2026-12-01", 3300, "是"]
    assert values[2] == ['=HYPERLINK("x")', "2026-12-01 10:05", 7, "否"]
    assert values[3] == ["含控制符 & <尖括号>", None, None, None]
    assert sheet.cell(1, 1).font.b


def test_a_large_export_is_sent_in_many_pieces_not_built_whole():
    rows = ((f"第{n}行", n) for n in range(10_000))
    columns = [Column("名称", lambda row: row[0]), Column("序号", lambda row: row[1])]
    for fmt in ("csv", "xlsx"):
        pieces = list(export_response(fmt, filename="x", columns=columns, rows=rows).streaming_content)
        assert len(pieces) > 4, fmt
        rows = ((f"第{n}行", n) for n in range(10_000))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(pieces)), read_only=True).active
    assert sum(1 for _ in sheet.iter_rows(values_only=True)) == 10_001


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        export_response("pdf", filename="x", columns=COLUMNS, rows=[])
