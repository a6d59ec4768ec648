"""FXL301 unpatched-global-write."""
from __future__ import annotations

import ast
import dataclasses
import functools
from typing import Callable, ClassVar, Iterator, Optional, Sequence

from ..context import ModuleContext
from ..fixing import add_parameter, node_text, replace_node
from ..model.facts import FunctionNode
from ..state.process_state_restores import forking_option
from ..knowledge.process_state import ATTRIBUTE, CWD, ENVIRON, GLOBAL, SYS_MODULES, SYS_PATH
from ..state.process_state import (
    FunctionState,
    ModuleState,
    Target,
    StateWrite,
    may_write,
    monkeypatch_calls,
    names_state,
    state_word_hits,
    state_word_lines,
)
from ..state.surroundings import Surroundings, forked_marks
from ..rule import Applicability, Diagnostic, Edit, Fix, Rule
from ..state.readers import Reader, environ_readers, reader_tail, related

PROCESS_STATE, IMPORTED_STATE, MODULE_STATE = "process", "imported", "module"
# Process state is named through one of these words, or an alias bound from a name that
# holds one (``from os import environ as env``, ``ENV = os.environ``, ``import sys as s``).
# Keys of ``state_word_hits``: ``env`` holds ``environ``, ``putenv`` and ``unsetenv``.
_PROCESS_WORDS = ("sys", "env", "chdir")


def state_kind_of(target: Target, module: ModuleState) -> str:
    """Process state (the environment, the working directory, ``sys.path``,
    ``sys.modules``), the test module's own globals and objects, or attributes of what it
    imports: three rules, because their findings differ in how often they matter."""
    if module.owns(target):
        return MODULE_STATE
    if target.kind == ATTRIBUTE:
        return IMPORTED_STATE
    return PROCESS_STATE


_REMOVING = frozenset({"delete", "pop", "popitem", "clear", "remove", "__delitem__", "delattr", "os.unsetenv"})


class UnpatchedGlobalWrite(Rule):
    """Test code writes process or module state without monkeypatch and never restores
    it, so the tests that run after it see a different world."""

    code = "FXL301"
    name = "unpatched-global-write"
    summary = (
        "test, fixture or helper changes os.environ, sys.path, sys.modules or the working "
        "directory without monkeypatch and never restores it"
    )
    fix_title: ClassVar[Optional[str]] = "Use monkeypatch"
    fix_applicability: ClassVar[Optional[Applicability]] = "unsafe"

    state_kind = PROCESS_STATE
    """Which writes this rule judges: process state (here), attributes of imported
    modules, classes and objects (FXL305), or the test module's own state (FXL304)."""

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if self.state_kind == PROCESS_STATE:
            hits = ctx.shared("state.words", functools.partial(state_word_hits, ctx.source.text))
            if not any(hits[word] for word in _PROCESS_WORDS):
                return  # no text of it names process state (its aliases included): nothing to judge
        if forking_option(ctx.project.options.addopts) is not None:
            return  # every test runs in a forked child: what it changes dies with it
        yield from Judge(self, ctx, self.state_kind).run()


@dataclasses.dataclass
class _Shared:
    """What the three rules' judges of one module share: the module's surroundings (with
    each function's analysed state), the lines naming process state, the write gate."""

    around: Surroundings
    word_lines: list[int]
    may_write: dict[int, bool]

    @classmethod
    def of(cls, ctx: ModuleContext) -> _Shared:
        around = Surroundings(ctx.index, ctx.path, ctx.facts, ctx.tree, ctx.body)
        hits = ctx.shared("state.words", functools.partial(state_word_hits, ctx.source.text))
        words = state_word_lines(ctx.source.text, ctx.source.lines, ctx.facts.resolver, around.module.aliases, hits)
        return cls(around, words, {})


class Judge:
    """Decides, function by function, which writes leak, and what to say about them."""

    def __init__(self, rule: Rule, ctx: ModuleContext, state_kind: str = "process") -> None:
        self.rule = rule
        self.ctx = ctx
        self.state_kind = state_kind
        shared = ctx.shared("state.judge", functools.partial(_Shared.of, ctx))  # FXL301, FXL304, FXL305
        self.around = shared.around
        self.word_lines = shared.word_lines
        self._may_write = shared.may_write

    def run(self) -> Iterator[Diagnostic]:
        ctx = self.ctx
        judged: set[int] = set()
        gate = self.may_write
        for test in ctx.facts.tests:
            if test.node is not None:
                judged.add(id(test.node))
                if not gate(test.node) or forked_marks(test, ctx.facts):
                    continue  # cannot write state, or runs in a child process of its own
                requested = test.requested + test.usefixtures
                fixable = functools.partial(self.test_fixable, test.node, test.class_name)
                yield from self.judge(test.node, "test", test.class_name, requested, fixable)
        for fixture in ctx.facts.fixtures:
            if fixture.node is None:
                continue
            judged.add(id(fixture.node))
            if fixture.autouse and fixture.scope == "session":
                continue  # configures the whole run before any test: nothing depends on order
            if not gate(fixture.node):
                continue
            who = "fixture" if fixture.scope == "function" else f"{fixture.scope or 'dynamically'}-scoped fixture"
            fixable = functools.partial(bool, fixture.scope == "function")
            yield from self.judge(fixture.node, who, fixture.class_name, fixture.requested, fixable)
        for node, class_name in self.around.helpers(judged):
            if not gate(node):
                continue
            who = "helper" if class_name is None else "method"
            yield from self.judge(node, who, class_name, (), fixable=functools.partial(bool, False))

    def may_write(self, node: FunctionNode) -> bool:
        """Whether ``node`` can write the state this judge looks at (cheap gates before
        the analysis): for process state it must name it; any kind, it must store
        somewhere that is not its own (see ``may_write``). Shared by the three rules."""
        if self.state_kind == PROCESS_STATE and not names_state(node, self.word_lines):
            return False  # no line of it names process state: it cannot change it
        writes = self._may_write.get(id(node))
        if writes is None:
            writes = self._may_write[id(node)] = may_write(node, self.word_lines)
        return writes

    def judge(
        self, node: FunctionNode, who: str, class_name: Optional[str], requested: Sequence[str], fixable: Callable[[], bool]
    ) -> Iterator[Diagnostic]:
        state = self.around.state(node, include_globals=who == "test")
        if not state.leaks() or self.around.class_chain(class_name) is None:
            return  # nothing leaks, or a base class from elsewhere may undo it
        if who in ("helper", "method") and not self.around.is_called(node, class_name):
            return  # dead code, or session setup that only a pytest hook calls
        undoers = self.around.undoers(class_name, requested, with_fixtures=who not in ("helper", "method"), node=node)
        if who in ("helper", "method"):
            undoers += self.around.callers_restore(node.name)
        resets = self.around.resets_each_test(node, who, class_name)
        can_fix = self.rule.fix_applicability is not None and fixable()
        for write in state.leaks(undoers):
            if state_kind_of(write.target, self.around.module) != self.state_kind:
                continue  # another rule's kind of state
            if write in resets:
                continue  # puts a fresh value in place before every test
            if self.around.never_runs(node, who, write):
                continue  # a branch for Windows, and the tests that reach it skip Windows
            if self.state_kind == IMPORTED_STATE and self.around.harmless_attribute(node, write, self.ctx.source.text, self.word_lines):
                continue  # per-thread, a latch the library sets itself, never read, or a reset
            fix = self.fix(node, state, write) if can_fix else None
            name = node.name if class_name is None or who != "method" else f"{class_name}.{node.name}"
            yield self.report(node, name, who, state, write, fix)

    def report(self, node: FunctionNode, name: str, who: str, state: FunctionState, write: StateWrite, fix: Optional[Fix]) -> Diagnostic:
        message, remedy = self.message(name, who, state, write, fix)
        readers = self.readers_of(node, write)
        message += reader_tail(readers)
        diagnostic = self.ctx.report(self.rule, write.node, message, fix=fix, help=None if fix is not None else remedy)
        found = related(self.ctx, readers, write.target.describe())
        return dataclasses.replace(diagnostic, related=found) if found else diagnostic

    def readers_of(self, node: FunctionNode, write: StateWrite) -> list[Reader]:
        """The module's other tests and fixtures that read the environment variable
        written (none are named for other process state: every import reads it)."""
        key = write.target.key
        if write.target.kind != ENVIRON or key is None or key.startswith("\0"):
            return []
        return environ_readers(self.ctx, self.around.module, node, key)

    # -- fixing and telling ---------------------------------------------------------
    def test_fixable(self, node: FunctionNode, class_name: Optional[str]) -> bool:
        """pytest can hand this test ``monkeypatch``: not a unittest-style class, not
        hypothesis (function-scoped fixtures are shared by its examples)."""
        if class_name is not None:
            chain = self.around.class_chain(class_name) or []
            if not chain or any(klass.node is not None and _is_unittest(klass.node, self.ctx) for klass in chain):
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

    def message(self, function: str, who: str, state: FunctionState, write: StateWrite, fix: Optional[Fix]) -> tuple[str, str]:
        """The finding and its cause, and (apart) the way out."""
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
        remedy = remedy[:1].upper() + remedy[1:]
        typo = state.mistyped_restore_of(write)
        if typo is not None:
            written = typo.target.describe()
            return f"{owner} {verb} {target.describe()} and never restores it: line {typo.position[0]} writes the saved value to {written} instead", remedy
        return f"{owner} {verb} {target.describe()} and never restores it, so later tests inherit the change", remedy


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



def _is_unittest(node: ast.ClassDef, ctx: ModuleContext) -> bool:
    """pytest runs a unittest.TestCase's tests itself: they cannot request fixtures."""
    return any((ctx.qualified_name(base) or "").startswith("unittest.") or getattr(base, "id", "") == "TestCase" for base in node.bases)
