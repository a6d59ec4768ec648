"""SARIF 2.1.0, for code-scanning dashboards."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from . import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(report: Report, stream: TextIO) -> None:
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "properties": {"fix": rule.fix_applicability or "none"},
        }
        for rule in report.rules
    ]
    results: list[dict[str, Any]] = []
    for d in report.diagnostics:
        results.append(
            {
                "ruleId": d.code,
                "level": "error",
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": Path(os.path.abspath(d.path)).as_uri()},
                            "region": {
                                "startLine": d.line,
                                "startColumn": d.column,
                                "endLine": d.end_line,
                                "endColumn": d.end_column,
                            },
                        }
                    }
                ],
            }
        )
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "fixture-lint", "version": report.version, "rules": rules}},
                "results": results,
            }
        ],
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
