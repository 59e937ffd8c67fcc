"""System checks for what WeasyPrint needs from the machine.

Without a CJK font WeasyPrint prints empty boxes in place of every Chinese character, and without
HarfBuzz's subsetting library every PDF takes seconds instead of a fraction of one. Both are silent,
so `manage.py check` (and therefore runserver and migrate) refuses to go on without them.
"""

from django.core import checks

from courthall import pdf

MISSING_CJK_FONT = "未找到中文（CJK）字体：生成的 PDF 中的汉字将显示为空白方框。"
MISSING_HARFBUZZ_SUBSET = (
    "未找到 HarfBuzz 字体子集库（libharfbuzz-subset）：每份 PDF 的生成时间将从不到一秒增至十余秒。"
)


@checks.register("courthall")
def check_pdf_requirements(app_configs, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    if not pdf.cjk_font_families():
        errors.append(
            checks.Error(
                MISSING_CJK_FONT,
                hint="在 Debian 上安装：apt-get install fonts-noto-cjk（或运行 make run / make test）。",
                id="courthall.E001",
            )
        )
    if not pdf.harfbuzz_subset_available():
        errors.append(
            checks.Error(
                MISSING_HARFBUZZ_SUBSET,
                hint="在 Debian 上安装：apt-get install libharfbuzz-subset0（或运行 make run / make test）。",
                id="courthall.E002",
            )
        )
    return errors
