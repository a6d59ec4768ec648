"""The built-in plugin: registers fixture-lint's own rules and data tables."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Sequence

from . import rules as rules_package
from .hookspecs import hookimpl
from .knowledge.clock import BUILTIN_CLOCK_FUNCTIONS, BUILTIN_TIME_FREEZERS, ClockFunction, TimeFreezer
from .knowledge.fixtures import KNOWN_FIXTURES, KnownFixture
from .knowledge.ports import BUILTIN_PORT_BINDERS, PortBinder
from .knowledge.resources import BUILTIN_RESOURCES, Resource
from .rule import Rule


@hookimpl
def fixture_lint_rules() -> Sequence[type[Rule]]:
    """Every Rule subclass defined in a module of ``fixture_lint.rules``."""
    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Rule) and value is not Rule and value.__module__ == module.__name__:
                found.append(value)
    return found


@hookimpl
def fixture_lint_known_fixtures() -> Sequence[KnownFixture]:
    return KNOWN_FIXTURES


@hookimpl
def fixture_lint_resources() -> Sequence[Resource]:
    return BUILTIN_RESOURCES


@hookimpl
def fixture_lint_clock_functions() -> Sequence[ClockFunction]:
    return BUILTIN_CLOCK_FUNCTIONS


@hookimpl
def fixture_lint_time_freezers() -> Sequence[TimeFreezer]:
    return BUILTIN_TIME_FREEZERS


@hookimpl
def fixture_lint_port_binders() -> Sequence[PortBinder]:
    return BUILTIN_PORT_BINDERS
