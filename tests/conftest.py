from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# tests/cases holds suites that are linted, never run.
collect_ignore = ["cases"]
