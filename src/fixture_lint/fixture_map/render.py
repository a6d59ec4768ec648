"""The map as text (grouped by directory), JSON, Mermaid and DOT."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Optional, TextIO

from .resolution import DefinitionInfo, FixtureUse, Resolver, TestEntry


@dataclass
class FixtureMap:
    """Every mapped test, and the resolver that mapped them."""

    entries: list[TestEntry]
    resolver: Resolver

    def by_directory(self) -> dict[str, list[TestEntry]]:
        grouped: dict[str, list[TestEntry]] = defaultdict(list)
        for entry in self.entries:
            grouped[entry.directory].append(entry)
        return dict(sorted(grouped.items()))

    def uses_of(self, name: str) -> dict[str, dict[tuple[str, str], tuple[FixtureUse, list[TestEntry]]]]:
        """``--fixture NAME``: directory -> definition -> (a use, the tests that get it)."""
        found: dict[str, dict[tuple[str, str], tuple[FixtureUse, list[TestEntry]]]] = {}
        for directory, entries in self.by_directory().items():
            for entry in entries:
                for use in entry.fixtures:
                    if use.name != name:
                        continue
                    key = use.definition.key if use.definition else (name, "not found")
                    slot = found.setdefault(directory, {}).setdefault(key, (use, []))
                    slot[1].append(entry)
        return found


def _describe(definition: Optional[DefinitionInfo]) -> str:
    if definition is None:
        return "NOT FOUND (pytest: fixture not found)"
    parts = [definition.location, definition.scope or "scope unknown"]
    if definition.autouse:
        parts.append("autouse")
    if definition.params is not None:
        parts.append(f"params={_short(definition.params)}")
    return ", ".join(parts)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def render_text(fixture_map: FixtureMap, out: TextIO, fixture: Optional[str]) -> None:
    if fixture is not None:
        return _render_fixture_text(fixture_map, out, fixture)
    for directory, entries in fixture_map.by_directory().items():
        out.write(f"{directory}/\n")
        for number, entry in enumerate(entries):
            out.write(f"  {entry.nodeid}\n")
            if number + 1 < len(entries) and entries[number + 1].fixtures is entry.fixtures:
                continue  # the ids of one parametrized test share one list
            if not entry.fixtures:
                out.write("      (no fixtures)\n")
            width = max((len(u.name) for u in entry.fixtures), default=0)
            for use in sorted(entry.fixtures, key=lambda u: u.name):
                via = use.via if use.requested_by is None else f"via {use.requested_by}"
                out.write(f"      {use.name:<{width}}  {_describe(use.definition)}  [{via}]\n")
                for hidden in use.hides:
                    verb = "extends" if hidden in use.extends else "hides"
                    out.write(f"      {'':<{width}}    {verb} {hidden.location}\n")
        out.write("\n")
    tests = len(fixture_map.entries)
    out.write(f"{tests} test{'s' if tests != 1 else ''} in {len(fixture_map.by_directory())} directories\n")


def _render_fixture_text(fixture_map: FixtureMap, out: TextIO, name: str) -> None:
    uses = fixture_map.uses_of(name)
    if not uses:
        out.write(f"no test gets fixture `{name}`\n")
        return
    out.write(f"fixture `{name}`\n")
    for directory, definitions in uses.items():
        out.write(f"{directory}/\n")
        for use, entries in definitions.values():
            out.write(f"  -> {_describe(use.definition)}\n")
            for hidden in use.hides:
                out.write(f"     {'extends' if hidden in use.extends else 'hides'} {hidden.location}\n")
            shown = entries if len(entries) <= 12 else entries[:10]
            for entry in shown:
                out.write(f"       {entry.nodeid}\n")
            if len(shown) < len(entries):
                out.write(f"       ... and {len(entries) - len(shown)} more tests\n")


def _definition_json(definition: Optional[DefinitionInfo]) -> Optional[dict[str, object]]:
    if definition is None:
        return None
    return {
        "name": definition.name,
        "location": definition.location,
        "scope": definition.scope,
        "autouse": definition.autouse,
        "params": definition.params,
        "builtin": definition.is_builtin,
    }


def render_json(fixture_map: FixtureMap, out: TextIO, fixture: Optional[str]) -> None:
    if fixture is not None:
        document: object = {
            "fixture": fixture,
            "directories": [
                {
                    "directory": directory,
                    "definitions": [
                        {
                            "definition": _definition_json(use.definition),
                            "hides": [_definition_json(h) for h in use.hides],
                            "tests": [e.nodeid for e in entries],
                        }
                        for use, entries in definitions.values()
                    ],
                }
                for directory, definitions in fixture_map.uses_of(fixture).items()
            ],
        }
    else:
        document = {
            "tests": [
                {
                    "nodeid": entry.nodeid,
                    "directory": entry.directory,
                    "line": entry.lineno,
                    "fixtures": [
                        {
                            "name": use.name,
                            "via": use.via,
                            "requested_by": use.requested_by,
                            "definition": _definition_json(use.definition),
                            "hides": [_definition_json(h) for h in use.hides],
                            "extends": [h.location for h in use.extends],
                        }
                        for use in entry.fixtures
                    ],
                }
                for entry in fixture_map.entries
            ]
        }
    json.dump(document, out, indent=2)
    out.write("\n")


# -- graphs: definitions, overrides (dashed) and dependencies, grouped by directory -----
@dataclass
class _Graph:
    nodes: dict[tuple[str, str], DefinitionInfo]
    depends: set[tuple[tuple[str, str], tuple[str, str]]]
    overrides: set[tuple[tuple[str, str], tuple[str, str]]]


def _graph(fixture_map: FixtureMap, fixture: Optional[str]) -> _Graph:
    graph = _Graph({}, set(), set())
    for entry in fixture_map.entries:
        by_name = {u.name: u for u in entry.fixtures}
        for use in entry.fixtures:
            if use.definition is None:
                continue
            if fixture is not None and use.name != fixture and use.requested_by != fixture:
                continue
            graph.nodes[use.definition.key] = use.definition
            for hidden in use.hides:
                graph.nodes[hidden.key] = hidden
                graph.overrides.add((use.definition.key, hidden.key))
            parent = by_name.get(use.requested_by) if use.requested_by else None
            if parent is not None and parent.definition is not None:
                graph.nodes[parent.definition.key] = parent.definition
                graph.depends.add((parent.definition.key, use.definition.key))
    return graph


def _group(definition: DefinitionInfo) -> str:
    if definition.is_builtin:
        return definition.location
    location = definition.location.rsplit(":", 1)[0]
    return location.rsplit("/", 1)[0] if "/" in location else "."


def _label(definition: DefinitionInfo) -> str:
    return f"{definition.name}\\n{definition.location}\\n{definition.scope or '?'}"


def render_mermaid(fixture_map: FixtureMap, out: TextIO, fixture: Optional[str]) -> None:
    graph = _graph(fixture_map, fixture)
    ids = {key: f"f{number}" for number, key in enumerate(sorted(graph.nodes))}
    out.write("flowchart LR\n")
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, definition in graph.nodes.items():
        groups[_group(definition)].append(key)
    for number, (group, keys) in enumerate(sorted(groups.items())):
        out.write(f'  subgraph g{number}["{group}"]\n')
        for key in sorted(keys):
            label = _label(graph.nodes[key]).replace("\\n", "<br/>").replace('"', "'")
            out.write(f'    {ids[key]}["{label}"]\n')
        out.write("  end\n")
    for source, target in sorted(graph.depends):
        out.write(f"  {ids[source]} --> {ids[target]}\n")
    for source, target in sorted(graph.overrides):
        out.write(f"  {ids[source]} -. overrides .-> {ids[target]}\n")


def render_dot(fixture_map: FixtureMap, out: TextIO, fixture: Optional[str]) -> None:
    graph = _graph(fixture_map, fixture)
    ids = {key: f"f{number}" for number, key in enumerate(sorted(graph.nodes))}
    out.write("digraph fixtures {\n  rankdir=LR;\n  node [shape=box];\n")
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, definition in graph.nodes.items():
        groups[_group(definition)].append(key)
    for number, (group, keys) in enumerate(sorted(groups.items())):
        out.write(f"  subgraph cluster_{number} {{\n    label={json.dumps(group)};\n")
        for key in sorted(keys):
            out.write(f"    {ids[key]} [label={json.dumps(_label(graph.nodes[key])).replace(chr(92) * 2, chr(92))}];\n")
        out.write("  }\n")
    for source, target in sorted(graph.depends):
        out.write(f"  {ids[source]} -> {ids[target]};\n")
    for source, target in sorted(graph.overrides):
        out.write(f'  {ids[source]} -> {ids[target]} [style=dashed, label="overrides"];\n')
    out.write("}\n")


RENDERERS: dict[str, Callable[[FixtureMap, TextIO, Optional[str]], None]] = {
    "text": render_text,
    "json": render_json,
    "mermaid": render_mermaid,
    "dot": render_dot,
}
