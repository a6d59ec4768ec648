"""GitLab Code Quality JSON (a subset of the Code Climate issue format), for merge
request widgets: an array of issues with ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location`` (``path`` relative to the repository, ``lines.begin``).

Paths are relative to ``$CI_PROJECT_DIR`` when GitLab sets it, else to the current
directory. The fingerprint is what GitLab uses to tell a new finding from an old one, so it
must not change when lines above the finding are added: it hashes the path, the code and
the text of the reported source line (not its number, nor the message, which may name
line numbers), plus how many identical (path, code, line text) findings came before it.
Severity: ``major`` for default rules, ``minor`` for preview rules, ``critical`` for
FXL000 (a file that could not be checked at all).
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from ..engine import PARSE_ERROR_CODE
from . import Report, rule_infos


def _relative(path: str, base: str) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def render(report: Report, stream: TextIO) -> None:
    infos = rule_infos(report)
    base = os.environ.get("CI_PROJECT_DIR") or os.getcwd()
    seen: Counter[tuple[str, str, str]] = Counter()
    issues: list[dict[str, Any]] = []
    for result in report.files:
        for d in result.diagnostics:
            path = _relative(d.path, base)
            text = result.lines.get(d.line, "").strip()
            key = (path, d.code, text)
            occurrence = seen[key]
            seen[key] += 1
            digest = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
            info = infos.get(d.code)
            if d.code == PARSE_ERROR_CODE:
                severity = "critical"
            elif info is not None and info.preview:
                severity = "minor"
            else:
                severity = "major"
            issues.append(
                {
                    "description": f"{d.code} {d.message}",
                    "check_name": d.code,
                    "fingerprint": digest,
                    "severity": severity,
                    "location": {"path": path, "lines": {"begin": d.line}},
                }
            )
    json.dump(issues, stream, indent=2)
    stream.write("\n")
