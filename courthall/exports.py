"""Every list a supervisor opens can be taken away as Excel (.xlsx) or CSV, streamed row by row.

A list of a million rows is never built in memory: the rows come from an iterator (a queryset's
`.iterator()` or `.values_list(...).iterator()`), and each format is written and sent in pieces.
The .xlsx file is written here, not by a library: a workbook is a ZIP of a few XML files, and Python's
zipfile writes one to a stream that cannot seek, so the sheet can be compressed and sent as it grows.
"""

import csv
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.http import StreamingHttpResponse
from django.utils import timezone

FORMATS = {"csv": "CSV", "xlsx": "Excel"}
# Excel's sheet has 1,048,576 rows; one is the heading.
XLSX_MAX_ROWS = 1_048_575
TOO_MANY_FOR_XLSX = "该列表超过 Excel 单表 1,048,575 行的上限，请导出 CSV，或缩小日期范围后再导出 Excel。"
UNKNOWN_FORMAT = "导出格式只能是 Excel（xlsx）或 CSV。"

_CHUNK_ROWS = 2000


def export_refusal(fmt: str, count: Callable[[], int] | None) -> str:
    """Why a list cannot be exported as `fmt` ("" when it can): an unknown format, or more rows than an
    Excel sheet holds. `count` counts the rows (called for xlsx only); None when they are too few to ask."""
    if fmt not in FORMATS:
        return UNKNOWN_FORMAT
    if fmt == "xlsx" and count is not None and count() > XLSX_MAX_ROWS:
        return TOO_MANY_FOR_XLSX
    return ""


# XML 1.0 forbids most control characters; a party's text pasted from elsewhere may hold them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A cell starting with these is a formula to Excel: a party's name like "=HYPERLINK(...)" must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A column of an export: its heading and how to read the cell from one row."""

    title: str
    value: Callable[[Any], Any]


def cell_text(value: Any) -> str:
    """How a cell reads: dates as 2026-12-03, datetimes in the court's time zone, booleans as 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_response(
    fmt: str, *, filename: str, columns: list[Column], rows: Iterable[Any]
) -> StreamingHttpResponse:
    """A download of `rows` as `fmt` ("csv" or "xlsx"); `filename` without extension, Chinese allowed.

    The caller checks `fmt in FORMATS` and, for xlsx, that the rows fit (XLSX_MAX_ROWS) before calling."""
    if fmt == "csv":
        body, content_type = _csv_chunks(columns, rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = _xlsx_chunks(columns, rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise ValueError(UNKNOWN_FORMAT)
    response = StreamingHttpResponse(body, content_type=content_type)
    full_name = f"{filename}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(full_name)}"
    return response


class _Echo:
    """A file that hands back what is written to it, for csv.writer."""

    def write(self, text: str) -> str:
        return text


def _csv_chunks(columns: list[Column], rows: Iterable[Any]) -> Iterator[bytes]:
    writer = csv.writer(_Echo())
    # The byte-order mark makes Excel read the file as UTF-8 rather than the system's GBK.
    yield ("\ufeff" + writer.writerow([column.title for column in columns])).encode()
    lines: list[str] = []
    for row in rows:
        lines.append(writer.writerow([_safe_text(cell_text(column.value(row))) for column in columns]))
        if len(lines) >= _CHUNK_ROWS:
            yield "".join(lines).encode()
            lines = []
    if lines:
        yield "".join(lines).encode()


def _safe_text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Pipe:
    """A write-only, unseekable file that zipfile writes into and the response drains."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _xlsx_cell(ref: str, value: Any) -> str:
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(_ILLEGAL_XML.sub("", cell_text(value)))
    if not text:
        return ""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _xlsx_row(number: int, letters: list[str], values: list[Any], style: str = "") -> str:
    cells = "".join(
        _xlsx_cell(f"{letter}{number}", value) for letter, value in zip(letters, values, strict=True)
    )
    if style:
        cells = cells.replace("<c ", f'<c s="{style}" ')
    return f'<row r="{number}">{cells}</row>'


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="列表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
# Two cell formats: 0 the default, 1 the bold heading.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _xlsx_chunks(columns: list[Column], rows: Iterable[Any]) -> Iterator[bytes]:
    pipe = _Pipe()
    letters = [_column_letter(index) for index in range(len(columns))]
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        yield pipe.drain()
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                b'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
            )
            sheet.write(_xlsx_row(1, letters, [column.title for column in columns], style="1").encode())
            number = 1
            for row in rows:
                number += 1
                values = [column.value(row) for column in columns]
                sheet.write(_xlsx_row(number, letters, values).encode())
                if number % _CHUNK_ROWS == 0:
                    yield pipe.drain()
            sheet.write(b"</sheetData></worksheet>")
    yield pipe.drain()
