"""The plugin manager: built-in rules and tables, then entry-point plugins."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable, TypeVar, cast

import pluggy

from . import hookspecs
from .knowledge.clock import ClockFunction, TimeFreezer
from .knowledge.fixtures import KnownFixture
from .knowledge.ports import PortBinder
from .knowledge.resources import Resource
from .rule import Rule

EntryT = TypeVar("EntryT")


@dataclass(frozen=True)
class Registry:
    """What all plugins (the built-in one included) registered."""

    rules: tuple[Rule, ...]
    known_fixtures: tuple[KnownFixture, ...]
    installed_providers: frozenset[str] = frozenset()
    """Providers of fixtures registered by third-party plugins: installed, hence active."""
    resources: tuple[Resource, ...] = ()
    clock_functions: tuple[ClockFunction, ...] = ()
    time_freezers: tuple[TimeFreezer, ...] = ()
    port_binders: tuple[PortBinder, ...] = ()

    def rule(self, code: str) -> Rule | None:
        for rule in self.rules:
            if rule.code == code:
                return rule
        return None


def plugin_manager(load_entry_points: bool = True) -> pluggy.PluginManager:
    from . import builtin

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    manager.register(builtin, name="fixture_lint.builtin")
    if load_entry_points:
        manager.load_setuptools_entrypoints(hookspecs.PROJECT_NAME)
    return manager


@functools.lru_cache(maxsize=None)
def registry(load_entry_points: bool = True) -> Registry:
    """Collect rules and tables from every plugin (cached for the process)."""
    manager = plugin_manager(load_entry_points)
    rules: dict[str, Rule] = {}
    for group in manager.hook.fixture_lint_rules():
        for rule_class in group:
            rule = rule_class()
            if rule.code in rules and type(rules[rule.code]) is not rule_class:
                raise RuntimeError(
                    f"rule code {rule.code} registered twice: {type(rules[rule.code]).__qualname__} "
                    f"and {rule_class.__qualname__}"
                )
            rules[rule.code] = rule
    known: list[KnownFixture] = []
    installed: set[str] = set()
    for impl in reversed(manager.hook.fixture_lint_known_fixtures.get_hookimpls()):
        group = cast("Iterable[KnownFixture]", impl.function())
        group = list(group)
        known.extend(group)
        if impl.plugin_name != "fixture_lint.builtin":
            installed.update(fixture.provider for fixture in group)
    ordered = tuple(sorted(rules.values(), key=lambda rule: rule.code))
    return Registry(
        rules=ordered,
        known_fixtures=tuple(known),
        installed_providers=frozenset(installed),
        resources=_table(manager.hook.fixture_lint_resources, Resource),
        clock_functions=_table(manager.hook.fixture_lint_clock_functions, ClockFunction),
        time_freezers=_table(manager.hook.fixture_lint_time_freezers, TimeFreezer),
        port_binders=_table(manager.hook.fixture_lint_port_binders, PortBinder),
    )


def _table(hook: pluggy.HookCaller, kind: type[EntryT]) -> tuple[EntryT, ...]:
    """A data table (entries of ``kind``) from every plugin, the built-in one first, so
    later entries win where a table is keyed."""
    entries: list[EntryT] = []
    for impl in reversed(hook.get_hookimpls()):
        entries.extend(cast("Iterable[EntryT]", impl.function()))
    return tuple(entries)
