"""``path:line:col: CODE message`` per finding, then a summary."""
from __future__ import annotations

from typing import TextIO

from . import Report, marker, write_summary


def render(report: Report, stream: TextIO) -> None:
    paint = report.paint
    for d in report.diagnostics:
        stream.write(f"{paint.location(d)} {paint.code(d.code)} {marker(d, report)}{d.message}\n")
    write_summary(report, stream)
