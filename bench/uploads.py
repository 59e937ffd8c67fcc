"""A 50 MB PDF uploaded through Django's multipart handling, checked and saved: how much memory it takes.

The request goes to Django's WSGI handler with the body read from a file, as gunicorn passes it on, and
not through django.test.Client, which builds the whole body in memory in this same process and would be
measured with it. The PDF is written straight to disk, piece by piece, for the same reason.

This module is also the benchmark's URLconf (ROOT_URLCONF = "bench.uploads", for the run only).
"""

import itertools
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bench.harness import benchmark

MEGABYTE = 1_000_000
BOUNDARY = "courthall-bench-boundary"
FIELD = "document"


@csrf_exempt
def upload(request):
    """What a portal view does with an upload: the form field runs check_upload, then the file is saved."""
    from django import forms
    from django.core.files.storage import default_storage

    from courthall.uploads import DocumentFileField

    class UploadForm(forms.Form):
        document = DocumentFileField()

    times = [time.perf_counter()]
    files = request.FILES  # parses the multipart body: the upload handlers stream the file to disk
    times.append(time.perf_counter())
    form = UploadForm(files=files)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    document = form.cleaned_data[FIELD]
    times.append(time.perf_counter())
    name = default_storage.save(f"bench/{document.checked.sha256}.pdf", document)
    times.append(time.perf_counter())
    parse_ms, check_ms, save_ms = (round((end - start) * 1000, 2) for start, end in itertools.pairwise(times))
    return JsonResponse(
        {
            "name": name,
            "pages": document.checked.pages,
            "size": document.checked.size,
            "handler": type(document).__name__,
            "parse_ms": parse_ms,
            "check_ms": check_ms,
            "save_ms": save_ms,
        }
    )


urlpatterns = [path("upload/", upload)]


def write_pdf(out, *, pages: int, page_bytes: int) -> None:
    """A valid PDF of `pages` A4 pages, each drawing `page_bytes` of line segments (uncompressed).

    Written object by object with its own cross-reference table, so it never exists in memory whole.
    """
    offsets = []
    start = out.tell()

    def begin_object() -> None:
        offsets.append(out.tell() - start)
        out.write(f"{len(offsets)} 0 obj\n".encode())

    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    begin_object()  # 1: catalog
    out.write(b"<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    begin_object()  # 2: page tree; page i is object 3 + 2i, its content 4 + 2i
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    out.write(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>\nendobj\n".encode())
    strokes = b"".join(f"{x} {x % 800} m {595 - x} {842 - x % 800} l S\n".encode() for x in range(500))
    for i in range(pages):
        begin_object()
        page = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>"
        out.write(f"{page}\nendobj\n".encode())
        begin_object()
        out.write(f"<< /Length {page_bytes} >>\nstream\n".encode())
        whole, rest = divmod(page_bytes, len(strokes))
        for _ in range(whole):
            out.write(strokes)
        out.write(b" " * rest)
        out.write(b"\nendstream\nendobj\n")
    xref = out.tell() - start
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())


def write_multipart(body_path: Path, pdf_path: Path) -> None:
    with body_path.open("wb") as body, pdf_path.open("rb") as pdf:
        body.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{FIELD}"; filename="诉讼材料.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        shutil.copyfileobj(pdf, body, 1024 * 1024)
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())


def post(handler, body_path: Path) -> dict:
    """POST the body file to /upload/ through Django's WSGI handler; the response as JSON."""
    import json

    status = []
    with body_path.open("rb") as body:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/upload/",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": body,
            "wsgi.errors": sys.stderr,
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(body_path.stat().st_size),
        }
        response = handler(environ, lambda code, headers: status.append(code))
        content = b"".join(response)
        response.close()
    if not status[0].startswith("200"):
        raise AssertionError(f"POST /upload/ answered {status[0]}: {content.decode()}")
    return json.loads(content)


def reset_peak_rss() -> int:
    """This process's resident set size in bytes, after resetting its peak (Linux: clear_refs 5)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")
    return _status_kib("VmRSS") * 1024


def peak_rss() -> int:
    return _status_kib("VmHWM") * 1024


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


@benchmark(
    "uploads",
    "上传 N MB 的 PDF（默认 50，每 MB 一页）：经 Django 的 multipart 处理、check_upload 检查并保存；"
    "报告耗时、RSS 峰值增量与 tracemalloc 峰值",
    default_size=50,
)
def uploads(size: int) -> dict:
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    with tempfile.TemporaryDirectory(prefix="courthall-bench-uploads-") as directory:
        work = Path(directory)
        pdf_path, body_path = work / "bundle.pdf", work / "body"
        with pdf_path.open("wb") as out:
            write_pdf(out, pages=size, page_bytes=MEGABYTE - 200)
        write_multipart(body_path, pdf_path)
        pdf_bytes = pdf_path.stat().st_size
        small_pdf, small_body = work / "small.pdf", work / "small-body"
        with small_pdf.open("wb") as out:
            write_pdf(out, pages=1, page_bytes=1000)
        write_multipart(small_body, small_pdf)

        with override_settings(ROOT_URLCONF="bench.uploads", MEDIA_ROOT=work / "media"):
            handler = WSGIHandler()
            post(handler, small_body)  # warm-up: imports pypdf, builds the resolver, creates MEDIA_ROOT

            rss_before = reset_peak_rss()  # Linux only
            start = time.perf_counter_ns()
            result = post(handler, body_path)
            elapsed_ms = (time.perf_counter_ns() - start) / 1e6
            rss_increase = peak_rss() - rss_before

            # Measured apart: tracing every allocation slows the request several times over.
            tracemalloc.start()
            post(handler, body_path)
            traced_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()

            saved = (work / "media" / result["name"]).stat().st_size

    if not saved == result["size"] == pdf_bytes:
        raise AssertionError(f"uploaded {pdf_bytes} bytes, checked {result['size']}, saved {saved}")
    return {
        "bytes": saved,
        "pages": result["pages"],
        "handler": result["handler"],
        "file_upload_max_memory_size": settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
        "elapsed_ms": round(elapsed_ms, 2),
        "parse_ms": result["parse_ms"],
        "check_ms": result["check_ms"],
        "save_ms": result["save_ms"],
        "peak_rss_mb_increase": round(rss_increase / 2**20, 2),
        "tracemalloc_peak_mb": round(traced_peak / 2**20, 2),
        "rss_before_mb": round(rss_before / 2**20, 1),
    }
