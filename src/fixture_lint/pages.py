"""Rule pages (``rules/FXLnnn.md``), shipped inside the package for ``--explain``,
``fixture-lint rule`` and the rule metadata of SARIF output."""
from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Optional


@functools.lru_cache(maxsize=None)
def rule_page(code: str) -> Optional[str]:
    """The Markdown page of rule ``code``, or None when it has none."""
    if not re.fullmatch(r"[A-Z]+[0-9]+", code):
        return None  # a page name is a code, never a path
    try:
        page = resources.files("fixture_lint").joinpath("rule_pages").joinpath(f"{code}.md")
        return page.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, OSError):
        return None


def page_section(page: str, heading: str) -> Optional[str]:
    """The text under ``## heading`` of a page (up to the next ``##``), stripped; None
    when the page has no such section."""
    for match in re.finditer(r"^## (.+?)\n(.*?)(?=^## |\Z)", page, re.MULTILINE | re.DOTALL):
        if match.group(1).strip() == heading:
            return match.group(2).strip()
    return None
