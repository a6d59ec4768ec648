"""FXL305 unpatched-attribute-write: an attribute of an imported module, class or object."""
from __future__ import annotations

from .unpatched_global_write import IMPORTED_STATE, UnpatchedGlobalWrite


class UnpatchedAttributeWrite(UnpatchedGlobalWrite):
    """Test code sets or deletes an attribute of an imported module, class or object
    without monkeypatch and never restores it: every later test in the process sees it."""

    code = "FXL305"
    name = "unpatched-attribute-write"
    summary = (
        "test, fixture or helper sets or deletes an attribute of an imported module, class or "
        "object without monkeypatch and never restores it"
    )
    state_kind = IMPORTED_STATE
