"""FXL302 hardcoded-port."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import ClassVar, Iterator, Optional, Union

from ..context import ModuleContext
from ..model.bodies import BodyIndex
from ..model.callsites import CallNames, CallSites
from ..model.facts import FixtureDef, TestDef
from ..knowledge.ports import BUILTIN_PORT_BINDERS, PortBinder
from ..state.ports import (
    FixedPort,
    PortTable,
    ProjectPorts,
    PortValues,
    fixed_return,
    int_literal,
    parametrized_port,
)
from ..state.summaries import project_functions, test_module_ref
from ..rule import Diagnostic, Edit, Fix, Rule

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
# Attributes that read back the port a server or socket got: ``srv.server_address[1]``,
# ``srv.server_port``, ``sock.getsockname()``, ``server.sockets[0].getsockname()``.
_READBACK = frozenset({"server_address", "server_port", "getsockname", "sockets", "port", "address", "addresses"})


@dataclass(frozen=True)
class HardcodedPortOptions:
    """``[tool.fixture-lint.hardcoded-port]``."""

    extend_binders: tuple[str, ...] = ()
    """More calls that serve on the port given as their ``port=`` keyword (qualified
    names: ``myapp.testing.start_server``; ``.serve`` for a method of any object)."""


class HardcodedPort(Rule):
    """Test code binds or serves a fixed, non-zero port on this machine."""

    code = "FXL302"
    name = "hardcoded-port"
    summary = "test code binds a fixed port instead of port 0 or a free-port fixture"
    fix_title = "Bind port 0"
    fix_applicability = "unsafe"
    options_class: ClassVar[type] = HardcodedPortOptions

    def __init__(self) -> None:
        self._tables: dict[tuple[int, tuple[str, ...], bool], PortTable] = {}

    def table(self, ctx: ModuleContext, options: HardcodedPortOptions) -> PortTable:
        registered = ctx.registry.port_binders if ctx.registry is not None else BUILTIN_PORT_BINDERS
        key = (id(registered), options.extend_binders, ctx.settings.preview)
        table = self._tables.get(key)
        if table is None:
            binders = list(registered) + [PortBinder(name) for name in options.extend_binders]
            table = PortTable(binders, preview=ctx.settings.preview)
            self._tables[key] = table
        return table

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        table = self.table(ctx, ctx.options(self, HardcodedPortOptions))
        owners: dict[int, Union[TestDef, FixtureDef]] = {}
        for test in ctx.facts.tests:
            owners[id(test.node)] = test
        for fixture in ctx.facts.fixtures:
            owners[id(fixture.node)] = fixture
        sites = CallSites(ctx.source.text, table.pattern)
        wrappers: Optional[ProjectPorts] = None
        if ctx.settings.preview:  # the project's port wrappers: not yet measured
            module = test_module_ref(ctx.path, ctx.tree, ctx.facts.resolver, ctx.facts.constants)
            wrappers = ProjectPorts(table, project_functions(ctx.index), module)
            names = wrappers.prepare(ctx.source.text)
            if names.lasts:
                sites = CallSites(ctx.source.text, CallNames(table.pattern.lasts + names.lasts))
            else:
                wrappers = None
        if not sites:
            return
        for function, class_name in _functions(ctx.tree.body, None):
            if not sites.within(function):
                continue
            owner = owners.get(id(function))
            body = ctx.body(function)
            values = PortValues(function, body, ctx.facts.constants, self._fixture_ports(ctx, owner, class_name))
            reported: set[int] = set()
            for fixed in table.fixed_ports(body, values, defaults=True):
                if body.in_expected_failure(fixed.call):
                    continue  # ``with pytest.raises(TypeError): run_simple(host, "5000")``
                reported.add(id(fixed.call))
                yield self.report(ctx, function, owner, body, fixed)
            if wrappers is None:
                continue
            for call, callee, wrapper, port in wrappers.fixed_calls(body, values):
                if id(call) in reported or body.in_expected_failure(call):
                    continue
                label = _label(function, owner)
                message = (
                    f"{label} binds fixed port {port} through `{callee.name}()`"
                    f" (`{wrapper.what}` at {ctx.project.nodeid_path(wrapper.path)}:{wrapper.line})"
                )
                remedy = "Pass port 0 (or a free-port fixture such as `unused_tcp_port`) and read the port back"
                yield ctx.report(self, call, message, help=remedy)

    def _fixture_ports(self, ctx: ModuleContext, owner: Union[TestDef, FixtureDef, None], class_name: Optional[str]):  # type: ignore[no-untyped-def]
        """Ports of the fixtures a test or fixture requests: ``def port(): return 8080``."""
        argnames: set[str] = set()
        if isinstance(owner, TestDef):
            argnames = {name for p in owner.parametrize for name in p.argnames}

        def fixture_port(name: str) -> Optional[tuple[int, str]]:
            if owner is None or name == "request":
                return None
            if name in argnames:
                assert isinstance(owner, TestDef)
                fixed = parametrized_port(owner, name)
                return (fixed, f"parametrize `{name}`") if fixed is not None else None
            definition = ctx.index.resolve(name, ctx.path, ctx.facts, class_name)
            if definition is None or definition.fixture is None or definition.fixture.node is None:
                return None
            if definition.fixture.params is not None or definition.path is None:
                return None
            facts = ctx.facts if definition.path == ctx.path else ctx.index.modules.facts(definition.path)
            fixed = fixed_return(definition.fixture.node, facts.constants) if facts is not None else None
            return (fixed, f"fixture `{name}`") if fixed is not None else None

        return fixture_port

    def report(
        self,
        ctx: ModuleContext,
        function: FunctionNode,
        owner: Union[TestDef, FixtureDef, None],
        body: BodyIndex,
        fixed: FixedPort,
    ) -> Diagnostic:
        label = _label(function, owner)
        via = f" (from {fixed.via})" if fixed.via and fixed.via not in ("argv", "its default") else ""
        if fixed.via == "its default":
            via = " (its default: no port given)"
        if fixed.what == "a subprocess":
            message = f"{label} starts a server on fixed port {fixed.port}{via} in a subprocess's arguments"
        else:
            message = f"{label} binds fixed port {fixed.port}{via} with `{fixed.what}`"
        remedy = "Bind port 0 and read the port back, or use a free-port fixture such as `unused_tcp_port`"
        return ctx.report(self, fixed.node, message, fix=self.fix(ctx, body, fixed), help=remedy)

    def fix(self, ctx: ModuleContext, body: BodyIndex, fixed: FixedPort) -> Optional[Fix]:
        """``port=0`` where the literal is written in the call and the code reads the
        port back from what it bound, so nothing else depends on the number."""
        literal = fixed.literal
        if literal is None or fixed.binder is None or not fixed.binder.accepts_zero:
            return None
        holders = _holders(fixed.call, body)
        if not holders or not _reads_back(body, holders):
            return None
        if any(int_literal(node) == fixed.port and node is not literal for node in body.of(ast.Constant)):
            return None  # the number is used elsewhere (a client connecting to it)
        line = literal.lineno
        start = ctx.source.char_column(line, literal.col_offset)
        end = ctx.source.char_column(line, literal.end_col_offset or literal.col_offset)
        return Fix(
            applicability="unsafe",
            message=f"Bind port 0 instead of {fixed.port}",
            edits=(Edit("0", line, start + 1, literal.end_lineno or line, end + 1),),
        )


def _label(function: FunctionNode, owner: Union[TestDef, FixtureDef, None]) -> str:
    if isinstance(owner, TestDef):
        return f"test `{owner.name}`"
    if isinstance(owner, FixtureDef):
        return f"fixture `{owner.name}`"
    return f"`{function.name}`"


def _functions(body: list[ast.stmt], class_name: Optional[str]) -> Iterator[tuple[FunctionNode, Optional[str]]]:
    """Module-level functions and methods (nested ones are part of their parent's body)."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield stmt, class_name
        elif isinstance(stmt, ast.ClassDef):
            inner = stmt.name if class_name is None else f"{class_name}.{stmt.name}"
            yield from _functions(stmt.body, inner)
        elif isinstance(stmt, (ast.If, ast.Try)):
            yield from _functions(stmt.body, class_name)
            yield from _functions(stmt.orelse, class_name)


def _holders(call: ast.Call, body: BodyIndex) -> set[str]:
    """The names the bound object is known by: the call's receiver (``sock.bind``) or
    the name its result is assigned to (``srv = HTTPServer(...)``)."""
    names: set[str] = set()
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        names.add(func.value.id)
    for assign in body.of(ast.Assign):
        value = assign.value.value if isinstance(assign.value, ast.Await) else assign.value
        if value is call:
            names.update(t.id for t in assign.targets if isinstance(t, ast.Name))
    for item_holder in body.of(ast.withitem):
        if item_holder.context_expr is call and isinstance(item_holder.optional_vars, ast.Name):
            names.add(item_holder.optional_vars.id)
    return names


def _reads_back(body: BodyIndex, holders: set[str]) -> bool:
    for attribute in body.of(ast.Attribute):
        node: ast.expr = attribute
        found = False
        while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
            if isinstance(node, ast.Attribute):
                found = found or node.attr in _READBACK
                node = node.value
            elif isinstance(node, ast.Subscript):
                node = node.value
            else:
                node = node.func
        if found and isinstance(node, ast.Name) and node.id in holders:
            return True
    return False
