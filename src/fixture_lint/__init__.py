"""fixture-lint: find the causes of flaky pytest suites before they flake.

The public API for plugins: :class:`Rule`, :class:`Diagnostic`, :class:`Fix`,
:class:`Edit`, :class:`RelatedLocation`, :data:`hookimpl`, and the data-table entries :class:`KnownFixture`,
:class:`Resource`, :class:`ClockFunction`, :class:`TimeFreezer` and :class:`PortBinder`.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .hookspecs import hookimpl
from .knowledge.clock import ClockFunction, TimeFreezer
from .knowledge.fixtures import KnownFixture
from .knowledge.ports import PortBinder
from .knowledge.resources import Resource
from .rule import Diagnostic, Edit, Fix, RelatedLocation, Rule

__all__ = [
    "ClockFunction",
    "Diagnostic",
    "Edit",
    "Fix",
    "KnownFixture",
    "PortBinder",
    "RelatedLocation",
    "Resource",
    "Rule",
    "TimeFreezer",
    "__version__",
    "hookimpl",
]
