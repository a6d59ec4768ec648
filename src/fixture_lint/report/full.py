"""The default format: each finding with the source line it points at."""
from __future__ import annotations

from typing import TextIO

from . import Report, marker, summary


def render(report: Report, stream: TextIO) -> None:
    for result in report.files:
        for d in result.diagnostics:
            stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {marker(d, report)}{d.message}\n")
            text = result.lines.get(d.line)
            if text is None:
                continue
            gutter = str(d.line)
            pad = " " * len(gutter)
            width = (d.end_column - d.column) if d.end_line == d.line and d.end_column > d.column else 1
            stream.write(f"{pad} |\n{gutter} | {text.expandtabs(1)}\n")
            stream.write(f"{pad} | {' ' * (d.column - 1)}{'^' * width}\n")
            if d.fix is not None:
                stream.write(f"{pad} = help: {d.fix.message}\n")
            elif d.help:
                stream.write(f"{pad} = help: {d.help}\n")
            stream.write("\n")
    stream.write(summary(report) + "\n")
