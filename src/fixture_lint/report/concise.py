"""``path:line:col: CODE message`` per finding, then a summary."""
from __future__ import annotations

from typing import TextIO

from . import Report, marker, summary


def render(report: Report, stream: TextIO) -> None:
    for d in report.diagnostics:
        stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {marker(d, report)}{d.message}\n")
    stream.write(summary(report) + "\n")
