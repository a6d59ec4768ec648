"""fixture-lint: find the causes of flaky pytest suites before they flake.

The public API for plugins: :class:`Rule`, :class:`Diagnostic`, :class:`Fix`,
:class:`Edit`, :data:`hookimpl` and :class:`KnownFixture`.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .hookspecs import hookimpl
from .model.known import KnownFixture
from .rule import Diagnostic, Edit, Fix, Rule

__all__ = ["Diagnostic", "Edit", "Fix", "KnownFixture", "Rule", "__version__", "hookimpl"]
