"""SARIF 2.1.0, for code-scanning dashboards.

Every code the run can report is in ``tool.driver.rules`` with its page: ``shortDescription``
is the rule's summary, ``fullDescription`` its "What it does", ``help`` the whole page (as
Markdown and as text). No rule has a published page URL, so there is no ``helpUri``.

Levels: a default rule's findings, and FXL000's (a file that was not checked), are
``error``: a default rule met the ecosystem check's bar, so a finding is worth acting on. A
preview rule's are ``warning``: it has not met that bar yet. Preview rules are also
``enabled: false`` in their ``defaultConfiguration``, as they are off unless ``--preview``.

A fix becomes a SARIF ``fix`` (one ``artifactChange`` with a ``replacement`` per edit) only
when its edits are all of it: a fix that also adds an import (``add_imports``) is applied by
``--fix`` where libcst places the import, which its edits do not say, so SARIF would carry
half a fix. Such a result says ``"fix": "<applicability>"`` in its properties instead.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from ..rule import Diagnostic, Fix
from ..rule_list import RuleInfo
from . import Report, rule_infos

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FAMILY_TAGS = {
    "FXL0": "unreadable-file",
    "FXL1": "fixture-state",
    "FXL2": "parametrize-state",
    "FXL3": "process-state",
    "FXL4": "fixture-shadowing",
}


def level(info: RuleInfo) -> str:
    """``error`` for default rules and FXL000, ``warning`` for preview rules."""
    return "warning" if info.preview else "error"


def _uri(path: str) -> str:
    return Path(os.path.abspath(path)).as_uri()


def rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    tags = ["flaky-tests", FAMILY_TAGS.get(info.code[:4], "plugin")]
    if info.preview:
        tags.append("preview")
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary or info.name},
        "fullDescription": {"text": info.description},
        "help": {"text": info.page, "markdown": info.page},
        "defaultConfiguration": {"level": level(info), "enabled": not info.preview},
        "properties": {"tags": tags, "preview": info.preview, "fix": info.fix or "none"},
    }


def _fix(d: Diagnostic, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _uri(d.path)},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": edit.row,
                            "startColumn": edit.column,
                            "endLine": edit.end_row,
                            "endColumn": edit.end_column,
                        },
                        "insertedContent": {"text": edit.content},
                    }
                    for edit in fix.edits
                ],
            }
        ],
    }


def result(d: Diagnostic, index: int, info: RuleInfo | None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": d.code,
        "level": level(info) if info is not None else "error",
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
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
    if index >= 0:
        item["ruleIndex"] = index
    if d.related:
        item["relatedLocations"] = [
            {
                "id": number,
                "message": {"text": related.message},
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(related.path)},
                    "region": {"startLine": related.line, "startColumn": related.column},
                },
            }
            for number, related in enumerate(d.related, start=1)
        ]
    if d.fix is not None:
        item["properties"] = {"fix": d.fix.applicability}
        if not d.fix.add_imports:
            item["fixes"] = [_fix(d, d.fix)]
    return item


def render(report: Report, stream: TextIO) -> None:
    infos = rule_infos(report)
    order = {code: index for index, code in enumerate(infos)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fixture-lint",
                        "version": report.version,
                        "rules": [rule_descriptor(info) for info in infos.values()],
                    }
                },
                # Diagnostics count columns in characters (code points), not UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": [result(d, order.get(d.code, -1), infos.get(d.code)) for d in report.diagnostics],
            }
        ],
    }
    json.dump(document, stream, indent=2)
    stream.write("\n")
