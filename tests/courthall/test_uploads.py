"""Uploads: every refusal on a file made for it, every acceptance on a real document or photo.

The files are made here, with pypdf, Pillow and WeasyPrint; an image "too large" is a small PNG whose
header claims the size, which is exactly what a decompression bomb looks like to the checks.
"""

import functools
import hashlib
import struct
import time
import zlib
from io import BytesIO

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image, ImageFile, ImageStat
from pypdf import PdfReader, PdfWriter

from courthall.management.commands.render_sample_pdf import SAMPLE_TEMPLATE, sample_context
from courthall.pdf import render_pdf
from courthall.uploads import (
    EMPTY,
    IMAGE_BROKEN,
    IMAGE_TOO_MANY_PIXELS,
    PDF_BROKEN,
    PDF_ENCRYPTED,
    PDF_NO_PAGES,
    PDF_TOO_MANY_PAGES,
    TOO_LARGE,
    TYPE_NOT_ACCEPTED,
    CheckedUpload,
    DocumentFileField,
    check_upload,
    thumbnail_png,
)
from tests.conftest import skip_or_fail

MIB = 1024 * 1024

# --- Files ------------------------------------------------------------------------------------------------


@functools.cache
def sample_pdf() -> bytes:
    """The specimen 受理案件通知书, as WeasyPrint renders every document the court issues."""
    return render_pdf(SAMPLE_TEMPLATE, sample_context())


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def photo(kind: str, size: tuple[int, int] = (1200, 800), exif: Image.Exif | None = None) -> bytes:
    """A gradient (not one flat colour, so the encoders have something to encode)."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((180, 30, 30), (width // 4, height // 4, width // 2, height // 2))
    out = BytesIO()
    image.save(out, "JPEG" if kind == "jpeg" else "PNG", **({"exif": exif} if exif else {}))
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A real 16 × 16 PNG whose IHDR now claims width × height, with the CRC recomputed to match."""
    png = photo("png", (16, 16))
    # Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), five one-byte fields, CRC (4).
    fields = struct.pack(">II", width, height) + png[24:29]
    return png[:16] + fields + struct.pack(">I", zlib.crc32(b"IHDR" + fields)) + png[33:]


def upload(data: bytes, name: str = "材料.pdf", content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def upload_on_disk(data: bytes, name: str = "材料.pdf") -> TemporaryUploadedFile:
    """What Django's TemporaryFileUploadHandler makes of an upload above FILE_UPLOAD_MAX_MEMORY_SIZE."""
    file = TemporaryUploadedFile(name, "application/pdf", len(data), None)
    file.write(data)
    file.seek(0)
    return file


def refusal(file) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        check_upload(file)
    return raised.value


def refused_with(file, message: str, code: str) -> ValidationError:
    error = refusal(file)
    assert error.code == code
    assert error.messages == [message]
    assert file.tell() == 0
    return error


# --- Accepted ---------------------------------------------------------------------------------------------


def test_a_document_rendered_by_weasyprint_is_accepted():
    data = sample_pdf()
    file = upload(data)
    checked = check_upload(file)
    assert checked == CheckedUpload(
        kind="pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=len(PdfReader(BytesIO(data)).pages),
        width=None,
        height=None,
    )
    assert checked.pages >= 1
    assert file.tell() == 0


@pytest.mark.parametrize(("kind", "content_type"), [("jpeg", "image/jpeg"), ("png", "image/png")])
def test_a_photo_is_accepted_with_its_size_in_pixels(kind, content_type):
    data = photo(kind, (1200, 800))
    file = upload(data, f"照片.{kind}", content_type)
    checked = check_upload(file)
    assert checked == CheckedUpload(
        kind=kind,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=1,
        width=1200,
        height=800,
    )
    assert file.tell() == 0


def test_the_type_is_read_from_the_content_not_from_the_name_or_the_declared_type():
    file = upload(photo("png"), "起诉状.pdf", "application/pdf")
    assert check_upload(file).content_type == "image/png"


@pytest.mark.parametrize("holder", ["in memory", "on disk", "plain file"])
def test_every_kind_of_file_object_is_checked_alike_and_left_at_the_start(holder, tmp_path):
    data = blank_pdf(3)
    if holder == "in memory":
        file = upload(data)
    elif holder == "on disk":
        file = upload_on_disk(data)
    else:
        (tmp_path / "材料.pdf").write_bytes(data)
        file = (tmp_path / "材料.pdf").open("rb")
    file.read(100)  # a caller that looked at the file first
    with file:
        checked = check_upload(file)
        assert (checked.size, checked.pages) == (len(data), 3)
        assert checked.sha256 == hashlib.sha256(data).hexdigest()
        assert file.tell() == 0
        assert file.read() == data


def test_an_unnamed_file_object_is_accepted_and_refused_all_the_same():
    assert check_upload(BytesIO(blank_pdf(1))).pages == 1
    refused_with(BytesIO(b""), EMPTY % {"name": "上传的文件"}, "empty")


# --- Refused: not a document ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200), id="windows-exe"),
        pytest.param(b"\x7fELF\x02\x01\x01\x00" + bytes(200), id="elf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), id="docx-zip"),
        pytest.param(b"GIF89a\x01\x00\x01\x00" + bytes(30), id="gif"),
        pytest.param(b" %PDF-1.7\n", id="pdf-signature-not-at-the-start"),
    ],
)
def test_a_renamed_executable_or_other_format_named_pdf_is_refused(content):
    error = refused_with(
        upload(content, "起诉状.pdf", "application/pdf"), TYPE_NOT_ACCEPTED % {"name": "起诉状.pdf"}, "type"
    )
    assert error.messages[0].startswith("只接受 PDF、JPEG 或 PNG 文件")


def test_an_empty_file_is_refused():
    refused_with(upload(b"", "证据.pdf"), EMPTY % {"name": "证据.pdf"}, "empty")


def test_a_file_over_the_size_limit_is_refused_naming_the_limit_in_mb(settings):
    settings.COURTHALL_UPLOAD_MAX_BYTES = 1 * MIB
    data = photo("png", (16, 16))
    file = upload(data + bytes(MIB + 1 - len(data)), "证据.png", "image/png")
    error = refused_with(file, TOO_LARGE % {"name": "证据.png", "size": "1.1", "limit": "1"}, "too_large")
    assert "大小为 1.1 MB，超过了 1 MB 的上限" in error.messages[0]


def test_a_file_of_exactly_the_size_limit_is_accepted(settings):
    data = photo("png", (64, 64))
    settings.COURTHALL_UPLOAD_MAX_BYTES = len(data)
    assert check_upload(upload(data, "证据.png")).size == len(data)
    settings.COURTHALL_UPLOAD_MAX_BYTES = len(data) - 1
    assert refusal(upload(data, "证据.png")).code == "too_large"


def test_the_default_limits():
    from django.conf import settings

    assert settings.COURTHALL_UPLOAD_MAX_BYTES == 50 * MIB
    assert settings.COURTHALL_UPLOAD_MAX_PAGES == 300
    assert settings.COURTHALL_UPLOAD_MAX_PIXELS == 40_000_000


# --- Refused: PDFs the court cannot open ------------------------------------------------------------------


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=BytesIO(blank_pdf(2)))
    writer.encrypt(user_password="123456", owner_password="owner")
    out = BytesIO()
    writer.write(out)
    file = upload(out.getvalue(), "判决书.pdf")
    error = refused_with(file, PDF_ENCRYPTED % {"name": "判决书.pdf"}, "encrypted")
    assert "请去除密码后再上传" in error.messages[0]


def test_a_pdf_with_only_an_owner_password_is_refused_too():
    # Opens in any viewer without a password, but forbids printing or copying what the court must print.
    writer = PdfWriter(clone_from=BytesIO(blank_pdf(1)))
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=0)
    out = BytesIO()
    writer.write(out)
    assert refusal(upload(out.getvalue())).code == "encrypted"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-1.7\n garbage", id="garbage"),
        pytest.param(b"%PDF-1.7\n" + bytes(1000) + b"\n%%EOF\n", id="no-cross-reference"),
    ],
)
def test_a_broken_pdf_is_refused(content):
    refused_with(upload(content, "证据.pdf"), PDF_BROKEN % {"name": "证据.pdf"}, "broken_pdf")


def test_a_pdf_without_pages_is_refused():
    refused_with(upload(blank_pdf(0), "证据.pdf"), PDF_NO_PAGES % {"name": "证据.pdf"}, "no_pages")


def test_a_pdf_over_the_page_limit_is_refused(settings):
    settings.COURTHALL_UPLOAD_MAX_PAGES = 3
    refused_with(
        upload(blank_pdf(4), "卷宗.pdf"),
        PDF_TOO_MANY_PAGES % {"name": "卷宗.pdf", "pages": 4, "limit": 3},
        "too_many_pages",
    )
    assert check_upload(upload(blank_pdf(3))).pages == 3


# --- Refused: images --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(20_000, 20_000, id="above-pillows-own-refusal"),  # 179 MP
        pytest.param(10_000, 10_000, id="above-pillows-warning"),  # 89 MP: a RuntimeWarning, an error here
    ],
)
def test_an_image_claiming_20000_by_20000_pixels_is_refused_before_it_is_decoded(width, height):
    data = png_claiming(width, height)
    assert len(data) < 2_000  # up to 1.6 GB of pixels once decoded
    start = time.perf_counter()
    refused_with(
        upload(data, "照片.png", "image/png"),
        IMAGE_TOO_MANY_PIXELS % {"name": "照片.png", "limit": "4000"},
        "too_many_pixels",
    )
    assert time.perf_counter() - start < 1.0


def test_an_image_over_the_pixel_limit_but_under_pillows_is_refused_by_ours():
    # 48 MP: above COURTHALL_UPLOAD_MAX_PIXELS (40 MP), below Pillow's own warning threshold (~89 MP).
    assert refusal(upload(png_claiming(8_000, 6_000), "扫描件.png")).code == "too_many_pixels"


def test_the_pixel_limit_counts_width_times_height(settings):
    settings.COURTHALL_UPLOAD_MAX_PIXELS = 800 * 600
    assert check_upload(upload(photo("jpeg", (800, 600)), "照片.jpg")).width == 800
    error = refusal(upload(photo("jpeg", (801, 600)), "照片.jpg"))
    assert error.code == "too_many_pixels"
    assert "48 万像素" in error.messages[0]


@pytest.mark.parametrize(
    ("kind", "damage"),
    [
        pytest.param("jpeg", lambda data: data[: len(data) // 2], id="truncated-jpeg"),
        pytest.param("png", lambda data: data[: len(data) // 2], id="truncated-png"),
        pytest.param("png", lambda data: data[:-12], id="png-without-its-end"),
        # One byte of the pixel data changed: the chunk's CRC no longer matches.
        pytest.param("png", lambda data: data[:200] + b"\x00" + data[201:], id="altered-png"),
        pytest.param("jpeg", lambda data: data[:3] + bytes(500), id="jpeg-signature-only"),
    ],
)
@pytest.mark.parametrize("load_truncated_images", [False, True], ids=["pillow-default", "as-weasyprint-sets"])
def test_a_truncated_or_corrupt_image_is_refused(kind, damage, load_truncated_images, monkeypatch):
    # Importing WeasyPrint sets this for the whole process: Pillow then decodes a truncated file without
    # complaint, padding it with grey.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated_images)
    name = f"照片.{kind}"
    refused_with(upload(damage(photo(kind)), name), IMAGE_BROKEN % {"name": name}, "broken_image")


def test_a_jpeg_with_data_after_its_end_is_accepted():
    # Phones append a second image (MPF) or their own data after the EOI marker; the photo is complete.
    data = photo("jpeg") + b"\xff\xd8\xff\xe1" + bytes(1000)
    assert check_upload(upload(data, "照片.jpg")).kind == "jpeg"


def test_a_jpeg_with_ff_d9_inside_a_header_segment_is_refused_only_when_truncated():
    # An APP15 segment whose content holds FF D9, as an EXIF thumbnail does: not the end of the image.
    # The fill bytes before it are allowed before any marker (ITU-T T.81 B.1.1.2).
    segment = b"\xff\xff\xff\xef" + (2 + 8).to_bytes(2) + b"maker\xff\xd9\x00"
    data = photo("jpeg")
    data = data[:2] + segment + data[2:]
    assert check_upload(upload(data, "照片.jpg")).kind == "jpeg"
    assert refusal(upload(data[:-2], "照片.jpg")).code == "broken_image"


# --- Thumbnails -------------------------------------------------------------------------------------------


def opened_png(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    assert image.format == "PNG"
    image.load()
    return image


@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_an_image_thumbnail_is_the_image_scaled_down(kind):
    file = upload(photo(kind, (1200, 800)), f"照片.{kind}")
    image = opened_png(thumbnail_png(file, kind=kind))
    assert image.size == (320, 213)
    assert file.tell() == 0
    assert opened_png(thumbnail_png(file, kind=kind, max_side=100)).size == (100, 67)


def test_an_image_thumbnail_is_not_scaled_up():
    assert opened_png(thumbnail_png(upload(photo("png", (200, 50))), kind="png")).size == (200, 50)


def test_a_photo_taken_sideways_is_upright_in_its_thumbnail():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; viewers rotate 90° clockwise
    file = upload(photo("jpeg", (1200, 800), exif=exif), "照片.jpg")
    assert opened_png(thumbnail_png(file, kind="jpeg")).size == (213, 320)


def test_a_black_and_white_scan_keeps_grey_levels_in_its_thumbnail():
    scan = Image.new("1", (1000, 1000), 1)
    for x in range(0, 1000, 2):  # a fine hatching that averages to grey when scaled down
        scan.paste(0, (x, 0, x + 1, 1000))
    out = BytesIO()
    scan.save(out, "PNG")
    image = opened_png(thumbnail_png(upload(out.getvalue(), "扫描件.png"), kind="png", max_side=100))
    assert image.mode == "L"
    assert 64 < image.getpixel((50, 50)) < 192


def require_pdftoppm() -> None:
    import shutil

    if shutil.which("pdftoppm") is None:
        skip_or_fail("没有 pdftoppm（apt-get install poppler-utils）：无法生成 PDF 缩略图")


@pytest.mark.parametrize("holder", ["in memory", "on disk"])
def test_a_pdf_thumbnail_is_its_first_page(holder):
    require_pdftoppm()
    data = sample_pdf()
    file = upload(data) if holder == "in memory" else upload_on_disk(data)
    image = opened_png(thumbnail_png(file, kind="pdf", max_side=200))
    # A4 is portrait: the height takes the whole side, the width 200 / √2.
    assert image.height == 200
    assert 138 <= image.width <= 145
    assert file.tell() == 0
    # The first page of a notice is mostly white paper with dark text on it.
    grey = image.convert("L")
    assert grey.getextrema()[0] < 128
    assert ImageStat.Stat(grey).mean[0] > 200


def test_a_pdf_thumbnail_without_pdftoppm_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ImproperlyConfigured, match="poppler-utils"):
        thumbnail_png(upload(blank_pdf(1)), kind="pdf")


# --- Form field -------------------------------------------------------------------------------------------


class MaterialForm(forms.Form):
    document = DocumentFileField(label="材料")
    attachment = DocumentFileField(label="附件", required=False)


def test_the_form_field_puts_the_check_on_the_cleaned_file():
    data = photo("jpeg")
    form = MaterialForm(data={}, files={"document": upload(data, "身份证.jpg", "image/jpeg")})
    assert form.is_valid(), form.errors
    document = form.cleaned_data["document"]
    assert document.checked == check_upload(upload(data))
    assert document.checked.kind == "jpeg"
    assert document.tell() == 0
    assert form.cleaned_data["attachment"] is None


def test_the_form_field_shows_the_refusal_on_the_field():
    form = MaterialForm(data={}, files={"document": upload(b"MZ" + bytes(100), "起诉状.pdf")})
    assert not form.is_valid()
    assert form.errors["document"] == [TYPE_NOT_ACCEPTED % {"name": "起诉状.pdf"}]


def test_the_form_field_offers_only_the_accepted_types_in_the_file_picker():
    html = str(MaterialForm()["document"])
    assert 'accept="application/pdf,image/jpeg,image/png"' in html
