"""System checks for what WeasyPrint needs from the machine.

Without a CJK font WeasyPrint prints empty boxes in place of every Chinese character, and without
HarfBuzz's subsetting library every PDF takes seconds instead of a fraction of one. Both are silent,
so `manage.py check` (and therefore runserver and migrate) refuses to go on without them, as it does
without pdftoppm (poppler-utils), which draws the thumbnails of uploaded PDFs.

The compact document fonts (courthall/fonts.py) are only a warning: without them documents print the
same, from Noto CJK, but weigh about 270 KB instead of 100 KB.

Settings COURTHALL_FONTCONFIG_LIBRARY and COURTHALL_HARFBUZZ_SUBSET_LIBRARY (optional) name the shared
libraries to look in, for a machine that keeps them somewhere unusual.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core import checks

from courthall import fonts, pdf

MISSING_CJK_FONT = (
    "未找到中文（CJK）字体：生成的 PDF 中的汉字将显示为空白方框，法律文书无法使用。"
    "字体通过 fontconfig 查找（库：{library}）。"
)
MISSING_HARFBUZZ_SUBSET = (
    "未找到可用的 HarfBuzz 字体子集库（libharfbuzz-subset，版本不低于 4.1.0；库：{library}）："
    "每份 PDF 的生成时间将从不到一秒增至十余秒，文件也会大得多。"
)


@checks.register("courthall")
def check_pdf_requirements(app_configs, **kwargs) -> list[checks.CheckMessage]:
    fontconfig_library = getattr(settings, "COURTHALL_FONTCONFIG_LIBRARY", None)
    harfbuzz_subset_library = getattr(settings, "COURTHALL_HARFBUZZ_SUBSET_LIBRARY", None)
    errors = []
    if not pdf.cjk_font_families(fontconfig_library):
        errors.append(
            checks.Error(
                MISSING_CJK_FONT.format(library=fontconfig_library or "、".join(pdf.FONTCONFIG_LIBRARIES)),
                hint="在 Debian 上安装：apt-get install fonts-noto-cjk（或运行 make run / make test）。",
                id="courthall.E001",
            )
        )
    if not pdf.harfbuzz_subset_available(harfbuzz_subset_library):
        errors.append(
            checks.Error(
                MISSING_HARFBUZZ_SUBSET.format(
                    library=harfbuzz_subset_library or "、".join(pdf.HARFBUZZ_SUBSET_LIBRARIES)
                ),
                hint="在 Debian 上安装：apt-get install libharfbuzz-subset0（或运行 make run / make test）。",
                id="courthall.E002",
            )
        )
    if shutil.which("pdftoppm") is None:
        # Without it every uploaded PDF fails to get its thumbnail (courthall.uploads.thumbnail_png).
        errors.append(
            checks.Error(
                "找不到 pdftoppm：网上立案上传的 PDF 材料无法生成缩略图，工作人员无法在浏览器中预览。",
                hint="在 Debian 上安装：apt-get install poppler-utils（或运行 make run / make test）。",
                id="courthall.E003",
            )
        )
    missing = fonts.missing_faces(Path(settings.COURTHALL_FONT_DIR))
    if missing:
        errors.append(
            checks.Warning(
                f"文书专用字体尚未生成（{settings.COURTHALL_FONT_DIR}：缺少 {'、'.join(missing)}）："
                "文书改用系统的 Noto CJK 字体打印，内容不变，但每份 PDF 约大两倍。",
                hint="运行 manage.py build_fonts（make run / make test 会自动运行）。",
                id="courthall.W001",
            )
        )
    return errors
