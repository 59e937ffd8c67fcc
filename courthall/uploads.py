"""Every file a party or a lawyer uploads passes check_upload before it is stored or shown to a clerk.

Materials reach the court as PDF scans and phone photos. What a browser says about a file (its name, its
declared content type) is whatever the sender's machine made up, so the type is taken from the first
bytes of the content, and the file is opened with the library that will later read it (pypdf, Pillow): a
file the court cannot open is refused at the portal, while the sender can still fix it, rather than found
by a clerk weeks later.

Nothing here reads a whole upload into memory. Django streams an upload above FILE_UPLOAD_MAX_MEMORY_SIZE
to a temporary file; the checks hash it in chunks, let pypdf seek in it, and read only an image's header
before its size is known to be acceptable (a small PNG can claim 20,000 × 20,000 pixels and decompress to
gigabytes: a "decompression bomb").
"""

import hashlib
import math
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import UploadedFile

TYPE_NOT_ACCEPTED = (
    "只接受 PDF、JPEG 或 PNG 文件：「%(name)s」的内容不是其中任何一种（按文件内容判断，与文件名无关）。"
    "请将材料另存为 PDF，或拍照保存为 JPEG、PNG 后再上传。"
)
EMPTY = "「%(name)s」是空文件（0 字节），请重新选择文件。"
TOO_LARGE = "「%(name)s」大小为 %(size)s MB，超过了 %(limit)s MB 的上限，请压缩或分成几个文件上传。"
PDF_ENCRYPTED = "「%(name)s」是加密的 PDF，法院无法打开和归档：请去除密码后再上传。"
PDF_BROKEN = "「%(name)s」不是完整的 PDF 文件（可能已损坏或没有下载完整），无法打开：请重新生成后再上传。"
PDF_NO_PAGES = "「%(name)s」中没有任何页面，请检查文件后再上传。"
PDF_TOO_MANY_PAGES = "「%(name)s」共 %(pages)d 页，超过了 %(limit)d 页的上限，请分成几个文件上传。"
IMAGE_TOO_MANY_PIXELS = "图片「%(name)s」的像素过多（宽 × 高超过 %(limit)s 万像素），请缩小图片尺寸后再上传。"
IMAGE_BROKEN = "图片「%(name)s」已损坏或不完整，无法打开：请重新拍摄或导出后再上传。"

UNNAMED = "上传的文件"

# The signatures the type is judged by: PDF 2.0 (ISO 32000-2) §7.5.2, JPEG's SOI marker followed by the
# first marker's FF, and the eight-byte PNG signature (RFC 2083 §3.1). Nothing is looked for further in:
# readers tolerate junk before %PDF-, but a file that needs that tolerance is not accepted as evidence.
SIGNATURES = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\xff\xd8\xff", "jpeg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
)
SIGNATURE_LENGTH = max(len(signature) for signature, _, _ in SIGNATURES)
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG"}

CHUNK_SIZE = 64 * 1024  # Django's File.DEFAULT_CHUNK_SIZE
MEBIBYTE = 1024 * 1024

# pdftoppm renders only the first page, which takes well under a second for an ordinary document; a PDF
# that keeps it busy longer is hostile or broken, and the request must not wait for it.
PDFTOPPM_TIMEOUT_SECONDS = 20
# Modes Pillow writes to PNG as they are; the others (CMYK from print shops, YCbCr…) become RGB. "1" and
# "P" are widened before scaling, because Pillow scales them with nearest-neighbour (a fax turns to noise).
PNG_MODES = {"L", "LA", "I", "I;16", "RGB", "RGBA"}


@dataclass(frozen=True)
class CheckedUpload:
    """What check_upload learned about an accepted file; store it beside the file."""

    kind: str  # "pdf" | "jpeg" | "png"
    content_type: str  # "application/pdf" | "image/jpeg" | "image/png"
    size: int  # bytes
    sha256: str  # hex
    pages: int  # PDF pages; 1 for an image
    width: int | None  # pixels for images, None for PDF
    height: int | None


class ThumbnailError(RuntimeError):
    """pdftoppm could not render the first page (it failed or ran out of time)."""


def check_upload(file) -> CheckedUpload:
    """Accept a PDF, JPEG or PNG the court can open, or raise ValidationError saying why not (in Chinese).

    `file` is a Django UploadedFile, or any binary file object that can read and seek. Call it before the
    file is saved; it leaves the file at position 0, ready for a storage's save(), refused or not.
    """
    name = os.path.basename(getattr(file, "name", None) or "") or UNNAMED
    try:
        size = getattr(file, "size", None)  # Django's upload handlers count the bytes received
        if size is None:
            size = file.seek(0, os.SEEK_END)
        if size == 0:
            raise ValidationError(EMPTY, code="empty", params={"name": name})
        limit = settings.COURTHALL_UPLOAD_MAX_BYTES
        if size > limit:
            raise ValidationError(
                TOO_LARGE,
                code="too_large",
                params={
                    "name": name,
                    "size": _megabytes(size, math.ceil),
                    "limit": _megabytes(limit, math.floor),
                },
            )
        file.seek(0)
        head = file.read(SIGNATURE_LENGTH)
        sniffed = [
            (kind, content_type) for signature, kind, content_type in SIGNATURES if head.startswith(signature)
        ]
        if not sniffed:
            raise ValidationError(TYPE_NOT_ACCEPTED, code="type", params={"name": name})
        [(kind, content_type)] = sniffed

        width = height = None
        if kind == "pdf":
            pages = _pdf_pages(file, name)
        else:
            width, height = _image_size(file, name, kind)
            pages = 1
        return CheckedUpload(kind, content_type, size, _sha256(file), pages, width, height)
    finally:
        file.seek(0)


def _megabytes(size: int, rounding) -> str:
    """Size in MB to one decimal, rounded with math.ceil for the file and math.floor for the limit, so that a
    file just over the limit never reads as the same number."""
    return f"{rounding(size * 10 / MEBIBYTE) / 10:.1f}".removesuffix(".0")


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(CHUNK_SIZE):
        digest.update(chunk)
    return digest.hexdigest()


def _pdf_pages(file, name: str) -> int:
    from pypdf import PdfReader

    file.seek(0)
    try:
        # Lenient (strict=False), as PDF viewers are: scanners and office suites write small deviations
        # from the standard that every viewer opens. pypdf seeks in the file; it reads everything at once
        # only to rebuild a damaged cross-reference table, and the size limit bounds that.
        reader = PdfReader(file, strict=False)
        # Any password, even an owner password that only restricts printing or copying: the court must be
        # able to print, stamp and merge what it keeps.
        if reader.is_encrypted:
            raise ValidationError(PDF_ENCRYPTED, code="encrypted", params={"name": name})
        # Walks the page tree (the /Count a file declares may be wrong) and opens the first page, which
        # is the one the thumbnail shows.
        pages = len(reader.pages)
        if pages:
            reader.pages[0].mediabox  # noqa: B018
    except ValidationError:
        raise
    except Exception:
        # pypdf raises PdfReadError for what it recognises as broken, but a hostile or mangled file also
        # ends in KeyError, TypeError, RecursionError…: whatever it is, the court cannot read the file.
        raise ValidationError(PDF_BROKEN, code="broken_pdf", params={"name": name}) from None
    if pages == 0:
        raise ValidationError(PDF_NO_PAGES, code="no_pages", params={"name": name})
    limit = settings.COURTHALL_UPLOAD_MAX_PAGES
    if pages > limit:
        raise ValidationError(
            PDF_TOO_MANY_PAGES, code="too_many_pages", params={"name": name, "pages": pages, "limit": limit}
        )
    return pages


def _image_size(file, name: str, kind: str) -> tuple[int, int]:
    """Width and height of an image that is not too large and decodes, read without decoding all of it."""
    from PIL import Image

    limit = settings.COURTHALL_UPLOAD_MAX_PIXELS
    too_many_pixels = ValidationError(
        IMAGE_TOO_MANY_PIXELS, code="too_many_pixels", params={"name": name, "limit": f"{limit / 10_000:g}"}
    )
    broken = ValidationError(IMAGE_BROKEN, code="broken_image", params={"name": name})
    file.seek(0)
    try:
        # Image.open reads the header only. Pillow refuses more than twice Image.MAX_IMAGE_PIXELS (~179 M)
        # itself and warns above ~89 M: the warning is caught too where warnings are errors (the tests).
        with Image.open(file, formats=[PILLOW_FORMATS[kind]]) as image:
            width, height = image.size
            if width * height > limit:
                raise too_many_pixels
            # PNG: walks every chunk to IEND and checks its CRC, so a truncated or altered file fails here.
            image.verify()
        # verify() checks nothing in a JPEG, and decoding one cannot tell a truncated file either: WeasyPrint
        # sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process, and Pillow then pads it with grey.
        if kind == "jpeg" and not _jpeg_has_end(file):
            raise broken
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except ValidationError:
        raise
    except Exception:
        # UnidentifiedImageError, OSError("image file is truncated"), SyntaxError from a bad chunk…
        raise broken from None
    return width, height


def _jpeg_has_end(file) -> bool:
    """Whether the image data of a JPEG is followed by its EOI marker (FF D9), as it is unless truncated.

    Walks the header segments by their lengths (an EXIF thumbnail has its own FF D9 in there), then looks
    for FF D9 in the rest: in entropy-coded data an FF byte is always followed by 00 or a marker (ITU-T
    T.81 B.1.1.5), so the first FF D9 there is the end. Anything after it (cameras append a second image
    or their own data) is left alone.
    """
    file.seek(2)  # past SOI
    while True:
        marker = file.read(2)
        while marker[1:] == b"\xff":  # fill bytes before a marker
            marker = marker[1:] + file.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return False
        if marker[1] == 0xD9:  # EOI with no image data: Image.open has already refused it
            return True
        length = int.from_bytes(file.read(2))
        if length < 2:  # the length counts its own two bytes; less is a damaged file (or none left)
            return False
        file.seek(length - 2, os.SEEK_CUR)
        if marker[1] == 0xDA:  # start of scan: the entropy-coded data follows
            break
    previous = b""
    while chunk := file.read(CHUNK_SIZE):
        if b"\xff\xd9" in previous[-1:] + chunk:
            return True
        previous = chunk
    return False


# --- Thumbnails -------------------------------------------------------------------------------------------


def thumbnail_png(file, *, kind: str, max_side: int = 320) -> bytes:
    """A PNG preview no wider or taller than `max_side`: the image scaled down, or a PDF's first page.

    Call it on a file check_upload accepted, with its `kind`; it leaves the file at position 0. A PDF is
    rendered by pdftoppm (poppler-utils): ImproperlyConfigured when the machine lacks it, ThumbnailError
    when it fails or takes longer than PDFTOPPM_TIMEOUT_SECONDS.
    """
    if max_side < 1:
        raise ValueError(f"max_side must be at least 1, not {max_side}")
    try:
        if kind == "pdf":
            return _pdf_thumbnail(file, max_side)
        if kind in PILLOW_FORMATS:
            return _image_thumbnail(file, kind, max_side)
        raise ValueError(f"thumbnail_png handles pdf, jpeg and png, not {kind!r}")
    finally:
        file.seek(0)


def _image_thumbnail(file, kind: str, max_side: int) -> bytes:
    from PIL import Image, ImageOps

    file.seek(0)
    with Image.open(file, formats=[PILLOW_FORMATS[kind]]) as image:
        if image.mode == "1":
            image = image.convert("L")
        elif image.mode == "P":
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        # For a JPEG this decodes at the smallest DCT scale that is still at least max_side (Image.draft).
        image.thumbnail((max_side, max_side))
        # After scaling, so only the small image is turned: phones store photos sideways with an EXIF
        # orientation, and a clerk should not have to turn their head.
        image = ImageOps.exif_transpose(image)
        if image.mode not in PNG_MODES:
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        out = BytesIO()
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _pdf_thumbnail(file, max_side: int) -> bytes:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ImproperlyConfigured(
            "找不到 pdftoppm：无法生成 PDF 缩略图。"
            "请安装 Debian 软件包 poppler-utils（scripts/system-packages.sh run）。"
        )
    with tempfile.TemporaryDirectory(prefix="courthall-thumbnail-") as directory:
        if hasattr(file, "temporary_file_path"):  # Django already streamed a large upload to disk
            source = file.temporary_file_path()
        else:
            source = os.path.join(directory, "upload.pdf")
            file.seek(0)
            with open(source, "wb") as copy:
                shutil.copyfileobj(file, copy, CHUNK_SIZE)
        prefix = os.path.join(directory, "page")
        command = [pdftoppm, "-png", "-f", "1", "-l", "1", "-scale-to", str(max_side), "-singlefile"]
        try:
            completed = subprocess.run(
                [*command, source, prefix], capture_output=True, timeout=PDFTOPPM_TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise ThumbnailError(
                f"pdftoppm 在 {PDFTOPPM_TIMEOUT_SECONDS} 秒内没有完成第一页的缩略图，已放弃。"
            ) from None
        output = Path(f"{prefix}.png")
        if completed.returncode != 0 or not output.is_file():
            stderr = completed.stderr.decode("utf-8", "replace").strip()
            raise ThumbnailError(f"pdftoppm 无法生成缩略图（退出码 {completed.returncode}）：{stderr}")
        return output.read_bytes()


# --- Forms ------------------------------------------------------------------------------------------------


class DocumentFileField(forms.FileField):
    """A file field that accepts only what check_upload accepts.

    The cleaned value is the uploaded file with the CheckedUpload as `.checked`, so the view passes both to
    the service without checking again. The file picker offers PDF, JPEG and PNG (a hint only: the check
    is what decides).
    """

    def clean(self, data, initial=None):
        cleaned = super().clean(data, initial)
        # Only a new upload is checked: `initial` is a file stored earlier, and False means "clear".
        if isinstance(cleaned, UploadedFile):
            cleaned.checked = check_upload(cleaned)
        return cleaned

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs.setdefault("accept", ",".join(content_type for _, _, content_type in SIGNATURES))
        return attrs
