"""What the tests of one module do to shared project state (FXL308): which calls write
it, what undoes it, and which other tests read it.

Undone (the write does not outlive the test):

- a patch of the state in the writer or a fixture it gets (``monkeypatch.setattr(
  registry, "_REGISTRY", {})``, ``monkeypatch.setitem(registry._REGISTRY, ...)``,
  ``mock.patch.dict(registry._REGISTRY)``, ``mock.patch.object(Registry, "_handlers")``,
  ``mock.patch("pkg.registry._REGISTRY")``, as calls or decorators): each restores it;
- a call, after the write, of a project function whose summary clears or resets the same
  state (``unregister(x)``, ``clear()``, ``reset()``): in ``finally:``, after ``yield``,
  in ``request.addfinalizer(...)``, or later in the test;
- such a call or patch anywhere in an autouse fixture that applies (module, conftest
  chain), or in a fixture the writer requests (and what that fixture requests);
- ``importlib.reload`` of the state's module.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from ..context import ModuleContext
from ..model.bodies import BodyIndex
from ..model.facts import FunctionNode, ModuleFacts
from .mutation import method_mutates
from .project_state import PATCH_METHODS, ProjectWrites, SharedState, StateWrite
from .summaries import ModuleRef, _NOT_PROJECT

_PATCH_CALLS = ("patch", "patch.object", "patch.dict", "patch.multiple")
_RELOAD = frozenset({"importlib.reload", "imp.reload"})
_RAISES = frozenset({"pytest.raises"})
_XUNIT_MODULE = frozenset({"setup_module", "teardown_module", "setup_function", "teardown_function", "setUpModule", "tearDownModule"})
_XUNIT_CLASS = frozenset(
    {"setup_method", "teardown_method", "setup_class", "teardown_class", "setUp", "tearDown", "setUpClass", "tearDownClass", "setup", "teardown"}
)
"""A call under ``with pytest.raises(...)`` is expected to fail, usually before it writes."""
_MAX_FIXTURE_DEPTH = 3


@dataclass(frozen=True)
class Write:
    call: ast.Call
    call_name: str
    write: StateWrite
    key: str = ""
    """The callee's key (empty for a change to a handed-out object)."""


@dataclass
class Effects:
    """What one test or fixture does to project state."""

    writes: list[Write] = field(default_factory=list)
    clears: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Key -> position of the last clearing call."""
    reads: dict[str, tuple[int, int]] = field(default_factory=dict)
    attribute_reads: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Qualified names of the attributes it loads (``pkg.registry._REGISTRY``)."""
    guards: set[str] = field(default_factory=set)
    reloads: set[str] = field(default_factory=set)
    scoped_clears: list[tuple[str, int, int]] = field(default_factory=list)
    """(key, first line, last line) of a ``with`` block whose context manager puts the
    state back on exit."""
    calls: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Callee key -> positions of its calls (a later call of the same setter puts back)."""
    touches: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    """Qualified names the function assigns, deletes or clears directly (``Sanic._app_registry
    = {}``, ``registry._REGISTRY.clear()``), with their positions."""


class ModuleWrites:
    """The project-state effects of the tests and fixtures of one module, and of the
    fixtures (conftest chain) they get."""

    def __init__(self, ctx: ModuleContext, writes: ProjectWrites, module: ModuleRef) -> None:
        self.ctx = ctx
        self.writes = writes
        self.module = module
        self._effects: dict[int, Effects] = {}
        self._refs: dict[Path, Optional[ModuleRef]] = {ctx.path: module}

    def effects(self, node: FunctionNode, body: BodyIndex, module: ModuleRef) -> Effects:
        found = self._effects.get(id(node))
        if found is None:
            found = self._effects[id(node)] = self._collect(node, body, module)
        return found

    def _collect(self, node: FunctionNode, body: BodyIndex, module: ModuleRef) -> Effects:
        effects = Effects()
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and _is_patch(decorator, body):
                effects.guards |= _patched_names(decorator)
        handed: dict[str, SharedState] = {}
        with_items: dict[int, ast.stmt] = {}
        raising: list[tuple[int, int]] = []
        blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
        for block in blocks:
            for item in block.items:
                if isinstance(item.context_expr, ast.Call):
                    with_items[id(item.context_expr)] = block
                    if (body.qualified_name(item.context_expr.func) or "") in _RAISES:
                        raising.append((block.lineno, block.end_lineno or block.lineno))
        params = {a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs}
        self._touches(body, effects)
        for call in body.of(ast.Call):
            qualified: str = body.qualified_name(call.func) or ""
            if _is_patch(call, body):
                effects.guards |= _patched_names(call)
                continue
            if isinstance(call.func, ast.Name) and call.func.id in params and call.args:
                first = call.args[0]  # a patching fixture: ``patching("pkg.state._flag", 0)``
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and "." in first.value:
                    effects.guards.add(first.value.rpartition(".")[2])
                    continue
            if qualified in _RELOAD and call.args:
                effects.reloads.add((body.qualified_name(call.args[0]) or "").rpartition(".")[2])
                continue
            if not self._maybe_project(call.func, body):
                continue
            found = self.writes.of_call(call, body, module)
            if found is None:
                continue
            callee, summary = found
            at = (call.lineno, call.col_offset)
            effects.calls.setdefault(callee.key, []).append(at)
            if summary.clears and id(call) in with_items:
                scope = with_items[id(call)]
                for key in summary.clears:
                    effects.scoped_clears.append((key, scope.lineno, scope.end_lineno or scope.lineno))
            expected_to_raise = any(first <= call.lineno <= last for first, last in raising)
            for write in summary.writes.values():
                if write.state.path != self.ctx.path and not expected_to_raise:
                    effects.writes.append(Write(call, callee.name, write, callee.key))
            for key in summary.clears:
                effects.clears[key] = max(effects.clears.get(key, at), at)
            for key in summary.reads:
                effects.reads.setdefault(key, at)
            if summary.hands_out is not None:
                effects.reads.setdefault(summary.hands_out.key, at)
                handed[str(id(call))] = summary.hands_out
        if handed:
            self._handed_out_writes(body, handed, effects)
        for attribute in body.of(ast.Attribute):
            if isinstance(attribute.ctx, ast.Load):
                read = body.qualified_name(attribute)
                if read is not None:
                    effects.attribute_reads.setdefault(read, (attribute.lineno, attribute.col_offset))
        return effects

    @staticmethod
    def _touches(body: BodyIndex, effects: Effects) -> None:
        targets: list[ast.expr] = []
        for assign in body.of(ast.Assign):
            targets.extend(assign.targets)
        for delete in body.of(ast.Delete):
            targets.extend(delete.targets)
        for call in body.of(ast.Call):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr in ("clear", "update", "pop", "remove", "discard"):
                targets.append(func.value)
        for target in targets:
            while isinstance(target, ast.Subscript):
                target = target.value
            if isinstance(target, ast.Attribute):
                qualified = body.qualified_name(target) or body.resolver.local_name(target)
                if qualified:
                    effects.touches.append((qualified, (target.lineno, target.col_offset)))

    def _maybe_project(self, func: ast.expr, body: BodyIndex) -> bool:
        """A cheap gate: the call's root name is imported from outside the standard
        library and the test tools, or is a function of the module itself."""
        root = func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            return False
        qualified = body.resolver.qualified_name(root)
        if qualified is None:
            return root.id in self.module.functions or root.id in self.module.constants
        return qualified.lstrip(".").split(".", 1)[0] not in _NOT_PROJECT

    def _handed_out_writes(self, body: BodyIndex, handed: dict[str, SharedState], effects: Effects) -> None:
        """Changes to what a singleton getter or a cached function returned:
        ``get_config().debug = True``, ``cfg = get_config(); cfg.items.append(x)``."""
        calls = {int(key): state for key, state in handed.items()}
        names: dict[str, tuple[SharedState, ast.Call]] = {}
        for assign in body.of(ast.Assign):
            value = assign.value
            if isinstance(value, ast.Call) and id(value) in calls and len(assign.targets) == 1:
                target = assign.targets[0]
                if isinstance(target, ast.Name):
                    names[target.id] = (calls[id(value)], value)

        def state_of(node: ast.expr) -> Optional[tuple[SharedState, ast.Call]]:
            while isinstance(node, (ast.Attribute, ast.Subscript)):
                node = node.value
            if isinstance(node, ast.Call) and id(node) in calls:
                return calls[id(node)], node
            if isinstance(node, ast.Name) and node.id in names:
                return names[node.id]
            return None

        changed: list[tuple[ast.AST, Optional[tuple[SharedState, ast.Call]]]] = []
        statements: list[tuple[ast.stmt, list[ast.expr]]] = [(s, list(s.targets)) for s in body.of(ast.Assign)]
        statements += [(s, [s.target]) for s in body.of(ast.AugAssign)]
        for statement, targets in statements:
            for target in targets:
                if isinstance(target, (ast.Attribute, ast.Subscript)):
                    changed.append((statement, state_of(target.value)))
        for call in body.of(ast.Call):
            func = call.func
            if isinstance(func, ast.Attribute) and method_mutates(call, func.attr, None, isinstance(func.value, (ast.Attribute, ast.Subscript))):
                changed.append((call, state_of(func.value)))
        for node, found in changed:
            if found is None:
                continue
            state, origin = found
            written = StateWrite(state, 0, "")  # the object the call returns
            effects.writes.append(Write(origin, _call_name(origin.func), written))

    # -- undo ---------------------------------------------------------------------------

    def undone(self, write: Write, effects: Effects, fixtures: list[tuple[FunctionNode, BodyIndex, ModuleRef]]) -> bool:
        state = write.write.state
        if state.guards & effects.guards or _module_stem(state.path) in effects.reloads:
            return True
        at = (write.call.lineno, write.call.col_offset)
        clear = effects.clears.get(state.key)
        if clear is not None and clear > at:
            return True
        if any(key == state.key and first <= at[0] <= last for key, first, last in effects.scoped_clears):
            return True
        if write.key and write.write.rebinds and len(effects.calls.get(write.key, ())) > 1:
            return True  # ``set_mode(True) ... set_mode(False)``: the test sets it back
        if any(_touches_state(name, state) and where > at for name, where in effects.touches):
            return True
        for function, body, module in fixtures:
            other = self.effects(function, body, module)
            if state.guards & other.guards or state.key in other.clears or _module_stem(state.path) in other.reloads:
                return True
            if any(_touches_state(name, state) for name, _ in other.touches):
                return True
            if any(w.write.rebinds and w.write.state.key == state.key for w in other.writes):
                return True  # a fixture or teardown method that sets it (``set_flag(False)``) each test
        return False

    def fixtures_of(self, requested: tuple[str, ...], class_name: Optional[str]) -> list[tuple[FunctionNode, BodyIndex, ModuleRef]]:
        """The fixtures a test or fixture gets (requested, and their requests), the
        autouse fixtures that apply, and the xunit setup and teardown functions and
        methods of its module and class, with their bodies."""
        found: list[tuple[FunctionNode, BodyIndex, ModuleRef]] = [
            (function, self.ctx.body(function), self.module) for function in self._xunit(class_name)
        ]
        seen: set[int] = set()
        ctx = self.ctx
        pending = [(name, 0) for name in requested]
        for layer in ctx.index.layers(ctx.path, ctx.facts, class_name):
            for fixture in layer.facts.fixtures:
                if fixture.autouse and fixture.class_name == layer.class_name:
                    pending.append((fixture.name, 0))
        while pending:
            name, depth = pending.pop()
            definition = ctx.index.resolve(name, ctx.path, ctx.facts, class_name)
            if definition is None or definition.fixture is None or definition.path is None:
                continue
            fixture = definition.fixture
            if fixture.node is None or id(fixture.node) in seen:
                continue
            seen.add(id(fixture.node))
            facts = ctx.facts if definition.path == ctx.path else ctx.index.modules.facts(definition.path)
            ref = self._ref(definition.path)
            if facts is None or ref is None:
                continue
            body = ctx.body(fixture.node) if definition.path == ctx.path else BodyIndex(fixture.node, facts.resolver)
            found.append((fixture.node, body, ref))
            if depth < _MAX_FIXTURE_DEPTH:
                pending.extend((other, depth + 1) for other in fixture.requested)
        return found

    def _xunit(self, class_name: Optional[str]) -> list[FunctionNode]:
        found = [
            stmt for stmt in self.ctx.tree.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in _XUNIT_MODULE
        ]
        scope: list[ast.stmt] = list(self.ctx.tree.body)
        for part in (class_name or "").split(".") if class_name else []:
            klass = next((s for s in scope if isinstance(s, ast.ClassDef) and s.name == part), None)
            if klass is None:
                break
            found += [
                stmt for stmt in klass.body
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in _XUNIT_CLASS
            ]
            scope = klass.body
        return found

    def _ref(self, path: Path) -> Optional[ModuleRef]:
        if path not in self._refs:
            self._refs[path] = self.writes.functions._module(path)
        return self._refs[path]

    # -- readers ------------------------------------------------------------------------

    def test_readers(self, state: SharedState, writer: FunctionNode) -> list[tuple[str, int, int]]:
        """Other tests and fixtures of the module that read the state: through a project
        call whose summary reads it, or directly (``registry._REGISTRY``)."""
        found: list[tuple[str, int, int]] = []
        suffix = f"{_module_stem(state.path)}.{state.dotted}"
        for name, node in _candidates(self.ctx.facts, writer):
            effects = self.effects(node, self.ctx.body(node), self.module)
            at = effects.reads.get(state.key)
            if at is None:
                at = next(
                    (where for qualified, where in effects.attribute_reads.items() if qualified.endswith(suffix)),
                    None,
                )
            if at is not None:
                found.append((name, at[0], at[1]))
        return found


def _candidates(facts: ModuleFacts, writer: FunctionNode) -> Iterator[tuple[str, FunctionNode]]:
    seen: set[int] = {id(writer)}
    for test in facts.tests:
        if test.node is not None and id(test.node) not in seen:
            seen.add(id(test.node))
            yield test.name, test.node
    for fixture in facts.fixtures:
        if fixture.node is not None and id(fixture.node) not in seen:
            seen.add(id(fixture.node))
            yield fixture.name, fixture.node


def _touches_state(qualified: str, state: SharedState) -> bool:
    """Whether a direct assignment or clear of ``qualified`` is of ``state``
    (``pkg.registry._REGISTRY``, ``sanic.app.Sanic._app_registry``)."""
    parts = state.dotted.split(".")
    for size in range(len(parts), 0, -1):  # the state, or the object holding it replaced
        dotted = ".".join(parts[:size])
        if qualified == dotted or qualified.endswith(f".{dotted}"):
            return True
    return False


def _module_stem(path: Path) -> str:
    return path.parent.name if path.name == "__init__.py" else path.stem


def _call_name(func: ast.expr) -> str:
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts)) or "call"


def _is_patch(call: ast.Call, body: BodyIndex) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in PATCH_METHODS:
        root = func.value
        if isinstance(root, ast.Name) and (root.id == "monkeypatch" or root.id.endswith("monkeypatch") or root.id in ("mp", "m")):
            return True
    written = _call_name(func)
    qualified = body.qualified_name(func) or written
    return qualified.endswith(_PATCH_CALLS) and ("mock" in qualified or "mocker" in written or qualified.startswith("patch"))


def _patched_names(call: ast.Call) -> set[str]:
    """The names a patch call targets: ``_REGISTRY`` of ``setattr(registry, "_REGISTRY",
    ...)``, of ``setitem(registry._REGISTRY, k, v)`` and ``patch.dict(registry._REGISTRY)``,
    the last part of a dotted string target (``patch("pkg.registry._REGISTRY")``)."""
    func = call.func
    method = func.attr if isinstance(func, ast.Attribute) else ""
    args = list(call.args)
    for keyword in call.keywords:
        if keyword.arg in ("target", "in_dict"):
            args.insert(0, keyword.value)
    if method in ("setattr", "delattr", "object") and len(args) >= 2 and isinstance(args[1], ast.Constant):
        chosen: Optional[ast.expr] = args[1]
    else:
        chosen = args[0] if args else None
    if isinstance(chosen, ast.Constant) and isinstance(chosen.value, str):
        return {chosen.value.rpartition(".")[2]}
    if isinstance(chosen, ast.Attribute):
        return {chosen.attr}
    if isinstance(chosen, ast.Name):
        return {chosen.id}
    return set()
