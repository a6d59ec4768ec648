"""Rule pages (``rules/FXLnnn.md``), shipped inside the package for ``--explain``."""
from __future__ import annotations

from importlib import resources
from typing import Optional


def rule_page(code: str) -> Optional[str]:
    """The Markdown page of rule ``code``, or None when it has none."""
    try:
        page = resources.files("fixture_lint").joinpath("rule_pages").joinpath(f"{code}.md")
        return page.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, OSError):
        return None
