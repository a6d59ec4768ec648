"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure, CircleCI).

Shaped as ruff's ``junit`` output: one ``testsuite`` per file with findings, one failing
``testcase`` per finding (named ``fixture-lint.CODE``, class name the file's path without
its suffix, the message in a ``failure`` element); a clean run is one suite with one
passing test case, "No errors found". Only attributes of the common ``junit-10.xsd`` are
written (ruff's ``line`` and ``column`` attributes are not in it: the failure text says
``line L, col C``).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import PurePath
from typing import TextIO

from ..rule import Diagnostic
from . import Report

TOOL = "fixture-lint"


def _classname(path: str) -> str:
    pure = PurePath(path)
    return pure.with_suffix("").as_posix() if pure.suffix else pure.as_posix()


def render(report: Report, stream: TextIO) -> None:
    diagnostics = report.diagnostics
    root = ET.Element("testsuites", name=TOOL, tests=str(max(len(diagnostics), 1)), failures=str(len(diagnostics)), errors="0")
    if not diagnostics:
        suite = ET.SubElement(root, "testsuite", name=TOOL, tests="1", failures="0", errors="0", package=TOOL)
        ET.SubElement(suite, "testcase", name="No errors found", classname=TOOL)
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.path].append(d)
    for path, found in by_file.items():
        suite = ET.SubElement(
            root, "testsuite", name=path, tests=str(len(found)), failures=str(len(found)), errors="0", package=TOOL, file=path
        )
        for d in found:
            case = ET.SubElement(suite, "testcase", name=f"{TOOL}.{d.code}", classname=_classname(path))
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"line {d.line}, col {d.column}, {d.message}"
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
