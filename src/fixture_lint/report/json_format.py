"""A JSON array with ruff's field names, and ``related``: the other places a finding
involves, each with ``message``, ``filename`` and ``location`` named as the finding's own."""
from __future__ import annotations

import json
import os
from typing import Any, TextIO

from ..rule import Diagnostic
from . import Report


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": [
                {
                    "content": edit.content,
                    "location": {"row": edit.row, "column": edit.column},
                    "end_location": {"row": edit.end_row, "column": edit.end_column},
                }
                for edit in d.fix.edits
            ],
        }
    return {
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "filename": os.path.abspath(d.path),
        "location": {"row": d.line, "column": d.column},
        "end_location": {"row": d.end_line, "column": d.end_column},
        "fix": fix,
        "url": None,
        "noqa_row": d.line,
        "related": [
            {
                "message": related.message,
                "filename": os.path.abspath(related.path),
                "location": {"row": related.line, "column": related.column},
            }
            for related in d.related
        ],
    }


def render(report: Report, stream: TextIO) -> None:
    json.dump([diagnostic_to_json(d) for d in report.diagnostics], stream, indent=2)
    stream.write("\n")
