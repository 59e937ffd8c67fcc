"""The one way to make a PDF: render_pdf(template_name, context) -> bytes, with WeasyPrint."""

import ctypes.util
import functools
import shutil
import subprocess


@functools.cache
def cjk_font_families() -> tuple[str, ...]:
    """Font families fontconfig knows that cover Simplified Chinese; empty when there is none."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()}))


@functools.cache
def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None
