"""Every on-disk case in tests/cases: the CLI reports exactly the ``# expect:`` markers.

Each case is a small suite (its own pytest.ini / pyproject.toml / tox.ini / setup.cfg
marks the rootdir), copied to a temporary directory and checked with all default rules.
Line and column of every finding are compared, and nothing else may be reported.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import case_names, check, copy_case, expected_findings


@pytest.mark.parametrize("name", case_names())
def test_case_findings_match_expect_markers(name: str, tmp_path: Path) -> None:
    root = copy_case(name, tmp_path)
    assert check(root) == expected_findings(root)
