"""GitHub Actions workflow annotations."""
from __future__ import annotations

from typing import TextIO

from . import Report


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, stream: TextIO) -> None:
    for d in report.diagnostics:
        stream.write(
            f"::error title={_escape_property(f'fixture-lint ({d.code})')},"
            f"file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"endLine={d.end_line},endColumn={d.end_column}::"
            f"{_escape(f'{d.path}:{d.line}:{d.column}: {d.code} {d.message}')}\n"
        )
