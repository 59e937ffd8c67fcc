"""The one way to make a PDF: render_pdf(template_name, context) -> bytes, with WeasyPrint.

Documents are Django templates under templates/…/pdf/ that extend courthall/pdf/base.html and are styled
by static/css/document.css. WeasyPrint reads nothing but the project's static files and the document fonts
(see static_files_url_fetcher). The stylesheet names the courts' own fonts first, then the compact faces
built by `manage.py build_fonts` (courthall/fonts.py: why they keep PDFs small), then Noto CJK from the
system; HarfBuzz subsets whichever is used into the PDF.
"""

import ctypes
import functools
import logging
import mimetypes
import threading
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

# Relative references in a document ("static/css/document.css", or "/static/…" from {% static %}) resolve
# against this base to file:///static/…, which the fetcher maps to the static files; file:///fonts/<name>
# are the built document fonts (COURTHALL_FONT_DIR); nothing else exists.
BASE_URL = "file:///"
FONTS_PREFIX = "/fonts/"

# The names WeasyPrint itself tries (weasyprint/text/ffi.py), so that the checks see what it will load.
FONTCONFIG_LIBRARIES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll", "fontconfig")
HARFBUZZ_SUBSET_LIBRARIES = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
    "harfbuzz-subset",
)


# --- What the machine provides ----------------------------------------------------------------------------


def _load_library(library: str | None, defaults: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in (library,) if library else defaults:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


class _FcFontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


@functools.cache
def cjk_font_families(library: str | None = None) -> tuple[str, ...]:
    """Font families that cover Simplified Chinese, as fontconfig reports them; empty when there is none.

    Asks the fontconfig library WeasyPrint renders with (not the fc-list program, which slim images lack).
    `library` names another shared library to load instead; one that cannot be loaded means no fonts.
    """
    fc = _load_library(library, FONTCONFIG_LIBRARIES)
    if fc is None:
        return ()
    try:
        fc.FcNameParse.restype = ctypes.c_void_p
        fc.FcNameParse.argtypes = [ctypes.c_char_p]
        fc.FcObjectSetCreate.restype = ctypes.c_void_p
        fc.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        fc.FcFontList.restype = ctypes.POINTER(_FcFontSet)
        fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        fc.FcPatternGetString.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_char_p),
        ]
        fc.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FcFontSet)]
        fc.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
        fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    except AttributeError:  # a library, but not fontconfig
        return ()

    pattern = fc.FcNameParse(b":lang=zh-cn")
    object_set = fc.FcObjectSetCreate()
    fc.FcObjectSetAdd(object_set, b"family")
    font_set = fc.FcFontList(None, pattern, object_set)
    families = set()
    try:
        if font_set:
            for i in range(font_set.contents.nfont):
                family = ctypes.c_char_p()
                if fc.FcPatternGetString(font_set.contents.fonts[i], b"family", 0, ctypes.byref(family)) == 0:
                    families.add(family.value.decode("utf-8", "replace"))
    finally:
        if font_set:
            fc.FcFontSetDestroy(font_set)
        fc.FcObjectSetDestroy(object_set)
        fc.FcPatternDestroy(pattern)
    return tuple(sorted(families))


@functools.cache
def harfbuzz_subset_available(library: str | None = None) -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz (libharfbuzz-subset, HarfBuzz >= 4.1.0).

    Without it WeasyPrint falls back to fontTools, which takes seconds per CJK document. `library` names
    another shared library to load instead of the usual ones.
    """
    hb = _load_library(library, HARFBUZZ_SUBSET_LIBRARIES)
    if hb is None or not hasattr(hb, "hb_subset_or_fail") or not hasattr(hb, "hb_version_atleast"):
        return False
    # The version WeasyPrint 70 requires before it uses HarfBuzz (weasyprint/pdf/fonts.py).
    return bool(hb.hb_version_atleast(4, 1, 0))


# --- Resources --------------------------------------------------------------------------------------------


class ResourceRefused(ValueError):
    """A document asked for something other than one of the project's static files."""


def _static_prefix() -> str:
    """The URL path static files live under ("/static/"), as {% static %} writes it."""
    path = urlsplit(settings.STATIC_URL).path.strip("/")
    return f"/{path}/" if path else "/"


def resolve_static_url(url: str) -> Path:
    """The file behind a document's URL for a static file, or ResourceRefused.

    Accepts file:///static/<name> (what "static/<name>" and {% static %} become against BASE_URL) and
    finds <name> the way the static files app does; refuses every other scheme, any host, any path outside
    the static prefix and any "..".
    """
    parts = urlsplit(urljoin(BASE_URL, url))
    if parts.scheme != "file" or parts.netloc:
        raise ResourceRefused(f"PDF 只能引用本系统的静态文件，已拒绝：{url}")
    path = unquote(parts.path)
    if path.startswith(FONTS_PREFIX):
        return resolve_font_path(path.removeprefix(FONTS_PREFIX), url)
    prefix = _static_prefix()
    name = path.removeprefix(prefix)
    segments = name.split("/")
    if (
        not path.startswith(prefix)
        or not name
        or "\\" in name
        or "\x00" in name
        or any(segment in {"", ".", ".."} for segment in segments)
    ):
        raise ResourceRefused(f"PDF 只能引用本系统的静态文件，已拒绝：{url}")
    try:
        found = finders.find(name)
        # Collected names ({% static %} under ManifestStaticFilesStorage writes hashed ones) are only in
        # STATIC_ROOT; a remote storage is never asked: a document reads nothing over the network.
        if found is None and isinstance(staticfiles_storage, FileSystemStorage):
            found = staticfiles_storage.path(name)
    except SuspiciousFileOperation:
        found = None
    if not found or not Path(found).is_file():
        raise ResourceRefused(f"PDF 引用的静态文件不存在：{url}")
    return Path(found)


def resolve_font_path(name: str, url: str) -> Path:
    """A built document font (one of courthall.fonts.FACES) in COURTHALL_FONT_DIR, or ResourceRefused."""
    from courthall.fonts import FACE_FILES

    if name not in FACE_FILES:
        raise ResourceRefused(f"PDF 只能引用本系统的静态文件，已拒绝：{url}")
    path = Path(settings.COURTHALL_FONT_DIR) / name
    if not path.is_file():
        # Documents still print (the stylesheet falls back to Noto CJK), only several times larger.
        raise ResourceRefused(f"文书字体 {name} 尚未生成（运行 manage.py build_fonts），改用系统字体：{url}")
    return path


@functools.cache
def _static_files_url_fetcher_class() -> type:
    # WeasyPrint is imported on first use, not with this module: the system checks import this module,
    # and every manage.py command would otherwise pay for loading Pango.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFileResponse(URLFetcherResponse):
        def __init__(self, url: str, body: bytes, headers: dict, real_path: Path):
            super().__init__(url, body, headers)
            self._real_path = real_path

        @property
        def path(self) -> str:
            # WeasyPrint may re-read an image from response.path: point it at the file that was served,
            # never at the virtual file:///static/… path (a real /static/ directory may exist).
            return str(self._real_path)

    class StaticFilesURLFetcher(URLFetcher):
        """Serves the project's static files and data: URLs; refuses (and logs) everything else."""

        def __init__(self):
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):  # inline data reads nothing outside the document
                return super().fetch(url, headers)
            try:
                path = resolve_static_url(url)
            except ResourceRefused as refused:
                logger.warning("%s", refused)
                raise
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if path.suffix == ".otf":  # not in every mimetypes table
                content_type = "font/otf"
            if content_type.startswith("text/"):
                content_type += "; charset=utf-8"
            return StaticFileResponse(url, path.read_bytes(), {"Content-Type": content_type}, path)

    return StaticFilesURLFetcher


def static_files_url_fetcher():
    """A new WeasyPrint URL fetcher (a weasyprint.urls.URLFetcher) that reads only static files.

    WeasyPrint turns a refusal (ResourceRefused) into a missing resource and logs it; so does this.
    """
    return _static_files_url_fetcher_class()()


# --- Rendering --------------------------------------------------------------------------------------------


_thread_state = threading.local()


def _font_configuration():
    """This thread's WeasyPrint FontConfiguration, kept between documents.

    It loads each @font-face file once (a built face is ~9 MB) instead of once per document. One per
    thread, because it changes a fontconfig configuration as fonts are added.
    """
    config = getattr(_thread_state, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _thread_state.font_config = FontConfiguration()
    return config


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a document template to the bytes of a PDF (A4, fonts embedded as subsets).

    The template should extend courthall/pdf/base.html. Call it with plain data (a notice's snapshot),
    not with live model instances, so that the same context always gives the same document.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_files_url_fetcher())
    return document.write_pdf(font_config=_font_configuration())


# --- Printing conventions ---------------------------------------------------------------------------------

CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1..99 the way dates and item numbers are written: 5 → 五, 10 → 十, 20 → 二十, 31 → 三十一."""
    if not 0 < number < 100:
        raise ValueError(f"chinese_numeral handles 1..99, not {number}")
    tens, units = divmod(number, 10)
    return (
        (CHINESE_DIGITS[tens] if tens > 1 else "")
        + ("十" if tens else "")
        + (CHINESE_DIGITS[units] if units else "")
    )


def chinese_date(value: date) -> str:
    """The date of a ruling or notice in Chinese numerals: 2026-03-05 → 二〇二六年三月五日.

    A datetime is first taken to the court's local date (TIME_ZONE), so an evening in UTC is not the
    previous day on paper.
    """
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        raise TypeError(f"chinese_date needs a date, not {type(value).__name__}")
    year = "".join(CHINESE_DIGITS[int(digit)] for digit in str(value.year))
    return f"{year}年{chinese_numeral(value.month)}月{chinese_numeral(value.day)}日"


def full_width_brackets(text: str) -> str:
    """Case numbers print with full-width brackets (案号规定, DOMAIN §2): (2026) → （2026）."""
    return text.replace("(", "（").replace(")", "）")
