"""Run flake8 with only some of its checker plugins loaded.

flake8 runs every installed checker plugin whatever ``--select`` says; ``--select``
only filters what is reported. With flake8-pytest-style and fixture-lint installed
side by side, ``flake8 --select PT`` and ``flake8 --select FXL`` would both run
pyflakes, pycodestyle, PT *and* FXL, and their ratio would always be about 1.
This wrapper keeps only the ``flake8.extension`` plugins whose entry-point names
start with one of the comma-separated prefixes in ``BENCH_FLAKE8_ONLY`` (e.g.
``PT`` or ``FXL,E,W,F,C90``); the rest of flake8 (file handling, tokenizing, the
shared ast, noqa, reporting, ``-j``) is untouched.

Usage: ``BENCH_FLAKE8_ONLY=PT python bench/flake8_only.py [flake8 args]``.
Exits 3 if a requested prefix matches no installed plugin.

The patch is applied at import time, so worker processes that re-import this
module as ``__mp_main__`` (spawn/forkserver start methods) get it too.
"""

from __future__ import annotations

import os
import sys
from typing import Any, List

from flake8.main.cli import main
from flake8.plugins import finder

_PREFIXES = tuple(p for p in os.environ.get("BENCH_FLAKE8_ONLY", "").split(",") if p)
_find_plugins = finder.find_plugins


def _only_selected(*args: Any, **kwargs: Any) -> List[finder.Plugin]:
    found: List[finder.Plugin] = _find_plugins(*args, **kwargs)
    if not _PREFIXES:
        return found
    kept = [
        p for p in found
        if p.entry_point.group != "flake8.extension" or p.entry_point.name.startswith(_PREFIXES)
    ]
    names = {p.entry_point.name for p in kept if p.entry_point.group == "flake8.extension"}
    missing = [pre for pre in _PREFIXES if not any(n.startswith(pre) for n in names)]
    if missing:
        print(f"flake8_only: no installed flake8 plugin for {', '.join(missing)}", file=sys.stderr)
        sys.exit(3)
    return kept


finder.find_plugins = _only_selected

if __name__ == "__main__":
    sys.exit(main())
