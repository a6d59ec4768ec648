"""FXL301 unpatched-global-write."""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Sequence

from ..context import ModuleContext
from ..fixing import add_parameter, node_text, replace_node
from ..model.bodies import BodyIndex
from ..model.facts import FunctionNode, ModuleFacts
from ..model.process_state import (
    ATTRIBUTE,
    CWD,
    ENVIRON,
    GLOBAL,
    SYS_MODULES,
    SYS_PATH,
    TEARDOWN_FUNCTIONS,
    FunctionAnalyser,
    FunctionState,
    ModuleState,
    StateWrite,
    Target,
    class_guards,
    monkeypatch_calls,
)
from ..rule import Diagnostic, Edit, Fix, Rule

_MAX_FIXTURE_DEPTH = 6
_REMOVING = frozenset({"delete", "pop", "popitem", "clear", "remove", "__delitem__", "delattr", "os.unsetenv"})


class UnpatchedGlobalWrite(Rule):
    """Test code writes process or module state without monkeypatch and never restores
    it, so the tests that run after it see a different world."""

    code = "FXL301"
    name = "unpatched-global-write"
    summary = (
        "test, fixture or helper writes os.environ, sys.path, sys.modules, the working directory, "
        "a module attribute or a global without monkeypatch and never restores it"
    )
    fix_title = "Use monkeypatch"
    fix_applicability = "unsafe"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        yield from _Judge(self, ctx).run()


class _Judge:
    """Decides, function by function, which writes leak, and what to say about them."""

    def __init__(self, rule: Rule, ctx: ModuleContext) -> None:
        self.rule = rule
        self.ctx = ctx
        self.module = ModuleState.of(ctx.tree, ctx.facts.resolver)
        self.analyser = FunctionAnalyser(self.module)
        self.states: dict[int, FunctionState] = {}
        self.autouse: dict[Optional[str], list[Target]] = {}
        self.classes = {c.name: c for c in ctx.facts.classes}

    def run(self) -> Iterator[Diagnostic]:
        ctx = self.ctx
        judged: set[int] = set()
        for test in ctx.facts.tests:
            if test.node is not None:
                judged.add(id(test.node))
                yield from self.judge(test.node, "test", test.class_name, test.requested, fixable=self.test_fixable(test.node, test.class_name))
        for fixture in ctx.facts.fixtures:
            if fixture.node is None:
                continue
            judged.add(id(fixture.node))
            if fixture.autouse and fixture.scope == "session":
                continue  # configures the whole run before any test: nothing depends on order
            who = "fixture" if fixture.scope == "function" else f"{fixture.scope or 'dynamically'}-scoped fixture"
            yield from self.judge(fixture.node, who, fixture.class_name, fixture.requested, fixable=fixture.scope == "function")
        for node, class_name in self.helpers():
            if id(node) not in judged:
                who = "helper" if class_name is None else "method"
                yield from self.judge(node, who, class_name, (), fixable=False)

    def helpers(self) -> Iterator[tuple[FunctionNode, Optional[str]]]:
        skip = self.module.called_at_import | self.analyser.finalizers
        for node in self.module.functions.values():
            if not node.name.startswith("pytest_") and node.name not in skip and not _cleanup_name(node.name):
                yield node, None
        for facts in self.ctx.facts.classes:
            if facts.node is not None:
                for stmt in facts.node.body:
                    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and not _cleanup_name(stmt.name):
                        yield stmt, facts.name

    # -- judging --------------------------------------------------------------------
    def judge(self, node: FunctionNode, who: str, class_name: Optional[str], requested: Sequence[str], fixable: bool) -> Iterator[Diagnostic]:
        state = self.state(node, include_globals=who == "test")
        leaks = state.leaks()
        if not leaks:
            return
        ambient = self.ambient(class_name, requested, with_fixtures=who not in ("helper", "method"))
        for write in state.leaks(ambient):
            fix = self.fix(node, state, write) if fixable else None
            name = node.name if class_name is None or who != "method" else f"{class_name}.{node.name}"
            yield self.ctx.report(self.rule, write.node, self.message(name, who, write, fix), fix=fix)

    def state(self, node: FunctionNode, include_globals: bool = False) -> FunctionState:
        found = self.states.get(id(node))
        if found is None:
            found = self.analyser.analyse(node, self.ctx.body(node), include_globals)
            self.states[id(node)] = found
        return found

    def ambient(self, class_name: Optional[str], requested: Sequence[str], with_fixtures: bool) -> list[Target]:
        """What undoes writes for a function here: autouse fixtures, requested fixtures
        (and theirs), teardown functions and patching decorators of its class and module."""
        restores = list(self.autouse_restores(class_name))
        scopes = [self.module.functions.values()]
        if class_name is not None and class_name in self.classes:
            klass = self.classes[class_name].node
            if klass is not None:
                scopes.append([s for s in klass.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))])
                restores.extend(class_guards(klass, self.ctx.facts.resolver, self.module))
        for functions in scopes:
            for function in functions:
                if function.name in TEARDOWN_FUNCTIONS:
                    restores.extend(self.state(function).restores)
        if with_fixtures:
            seen: set[str] = set()
            for name in requested:
                restores.extend(self.fixture_restores(name, self.ctx.path, self.ctx.facts, class_name, seen, 0))
        return restores

    def autouse_restores(self, class_name: Optional[str]) -> list[Target]:
        cached = self.autouse.get(class_name)
        if cached is None:
            cached = []
            for layer in self.ctx.index.layers(self.ctx.path, self.ctx.facts, class_name):
                for fixture in layer.facts.fixtures:
                    if fixture.autouse and fixture.class_name == layer.class_name and fixture.node is not None:
                        cached.extend(self.foreign_state(fixture.node, layer.path, layer.facts).provided_restores())
            self.autouse[class_name] = cached
        return cached

    def fixture_restores(self, name: str, path, facts: ModuleFacts, class_name: Optional[str], seen: set[str], depth: int) -> list[Target]:
        if name in seen or depth > _MAX_FIXTURE_DEPTH:
            return []
        seen.add(name)
        definition = self.ctx.index.resolve(name, path, facts, class_name)
        if definition is None or definition.fixture is None or definition.fixture.node is None or definition.path is None:
            return []
        fixture = definition.fixture
        owner = facts if definition.path == path else self.ctx.index.modules.facts(definition.path)
        if owner is None:
            return []
        found = list(self.foreign_state(fixture.node, definition.path, owner).provided_restores())
        for sub in fixture.requested:
            found.extend(self.fixture_restores(sub, definition.path, owner, fixture.class_name, seen, depth + 1))
        return found

    def foreign_state(self, node: FunctionNode, path, facts: ModuleFacts) -> FunctionState:
        """The state of a function that may live in another module (a conftest.py)."""
        if path == self.ctx.path:
            return self.state(node)
        found = self.states.get(id(node))
        if found is None:
            parsed = self.ctx.index.modules.get(path)
            tree = getattr(parsed, "tree", None)
            module = ModuleState.of(tree, facts.resolver) if tree is not None else self.module
            found = FunctionAnalyser(module).analyse(node, BodyIndex(node, facts.resolver))
            self.states[id(node)] = found
        return found

    # -- fixing and telling ---------------------------------------------------------
    def test_fixable(self, node: FunctionNode, class_name: Optional[str]) -> bool:
        """pytest can hand this test ``monkeypatch``: not a unittest-style class, not
        hypothesis (function-scoped fixtures are shared by its examples)."""
        if class_name is not None:
            klass = self.classes.get(class_name)
            if klass is None or klass.node is None or klass.node.bases or klass.node.keywords:
                return False
        for decorator in node.decorator_list:
            name = self.ctx.qualified_name(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
            if name.startswith("hypothesis."):
                return False
        return True

    def fix(self, node: FunctionNode, state: FunctionState, write: StateWrite) -> Optional[Fix]:
        if write.statement is None or state.in_nested_scope(write.statement):
            return None
        source = self.ctx.source
        calls = monkeypatch_calls(write, lambda n: node_text(source, n))
        if not calls:
            return None
        params = {a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs}
        edits: list[Edit] = []
        if "monkeypatch" not in params:
            if any(n.id == "monkeypatch" for n in self.ctx.body(node).of(ast.Name)):
                return None  # the name means something else here
            added = add_parameter(source, node, "monkeypatch")
            if added is None:
                return None
            edits.append(added)
        content = self.join(calls, write.statement)
        if content is None:
            return None
        edits.append(replace_node(source, write.statement, content))
        method = calls[0].split("(", 1)[0]
        return Fix("unsafe", f"Use `{method}`" + ("" if "monkeypatch" in params else " and request `monkeypatch`"), tuple(edits))

    def join(self, calls: list[str], statement: ast.stmt) -> Optional[str]:
        if len(calls) == 1:
            return calls[0]
        line = self.ctx.source.line(statement.lineno)
        indent = line[: len(line) - len(line.lstrip())]
        if line.encode("utf-8")[: statement.col_offset].strip():
            return None  # shares its line with other code: leave it to a human
        return ("\n" + indent).join(calls)

    def message(self, function: str, who: str, write: StateWrite, fix: Optional[Fix]) -> str:
        target = write.target
        verb = _verb(write)
        owner = f"{who} `{function}`"
        if who in ("helper", "method") and function.rsplit(".", 1)[-1].lower().startswith("setup"):
            remedy = "undo it in the matching teardown (`teardown_module`, `teardown_method`, `tearDown`, `addCleanup`)"
        elif who == "helper":
            remedy = "take `monkeypatch` from the caller, or restore the old value in a `finally` block"
        elif who == "method":
            remedy = "undo it in the class's teardown or with `addCleanup`, or use `mock.patch`"
        elif who in ("test", "fixture"):
            if fix is not None:
                remedy = fix.message[0].lower() + fix.message[1:]
            elif target.kind == GLOBAL:
                remedy = "keep the value in a fixture, or use `monkeypatch.setattr` on the module"
            else:
                remedy = "use `monkeypatch` instead"
        else:
            remedy = "use `pytest.MonkeyPatch.context()` and undo it after `yield` (`monkeypatch` is function-scoped)"
        return f"{owner} {verb} {target.describe()} and never restores it, so later tests inherit the change; {remedy}"


def _verb(write: StateWrite) -> str:
    kind = write.target.kind
    if kind == GLOBAL:
        return "rebinds"
    if kind in (SYS_PATH, CWD) or (kind in (ENVIRON, SYS_MODULES) and write.target.key is None):
        return "changes"
    if write.operation in _REMOVING or write.removal:
        return "deletes"
    if kind == ATTRIBUTE and write.operation == "augassign":
        return "changes"
    return "sets"


def _cleanup_name(name: str) -> bool:
    """Helpers named for undoing something (``restore_env``, ``reset_settings``) are
    teardown code, whoever calls them."""
    lowered = name.lower().lstrip("_")
    return lowered.startswith(_CLEANUP_PREFIXES)


_CLEANUP_PREFIXES = ("restore", "reset", "clean", "teardown", "undo", "revert", "unset", "unpatch", "finali")
