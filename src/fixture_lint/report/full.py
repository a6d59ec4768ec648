"""The default format: each finding with the source line it points at."""
from __future__ import annotations

from typing import TextIO

from . import Report, marker, write_summary


def render(report: Report, stream: TextIO) -> None:
    paint = report.paint
    for result in report.ordered_files:
        for d in result.diagnostics:
            stream.write(f"{paint.location(d)} {paint.code(d.code)} {marker(d, report)}{d.message}\n")
            text = result.lines.get(d.line)
            if text is None:
                continue
            gutter = str(d.line)
            pad = " " * len(gutter)
            bar = paint.gutter("|")
            width = (d.end_column - d.column) if d.end_line == d.line and d.end_column > d.column else 1
            stream.write(f"{pad} {bar}\n{paint.gutter(gutter)} {bar} {text.expandtabs(1)}\n")
            stream.write(f"{pad} {bar} {' ' * (d.column - 1)}{paint.caret('^' * width)}\n")
            help_text = d.fix.message if d.fix is not None else d.help
            if help_text:
                stream.write(f"{pad} {paint.gutter('=')} {paint.help('help')}: {help_text}\n")
            stream.write("\n")
    write_summary(report, stream)
