"""Rendering a document to PDF, the work behind every notice a party receives."""

from bench.harness import benchmark, summary, timed_ms


@benchmark("pdf", "渲染受理案件通知书样张 PDF（两页）：预热一次后计时 N 次，默认 20", default_size=20)
def pdf(size: int) -> dict:
    from courthall.management.commands.render_sample_pdf import SAMPLE_TEMPLATE, sample_context
    from courthall.pdf import render_pdf

    pdf_bytes = render_pdf(SAMPLE_TEMPLATE, sample_context())  # warm-up: imports, fonts, templates
    times = [timed_ms(lambda: render_pdf(SAMPLE_TEMPLATE, sample_context())) for _ in range(size)]
    return {**summary(times), "pdf_bytes": len(pdf_bytes)}
