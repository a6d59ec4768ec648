"""Process and module state: what test code writes, what guards a write, what restores it.

A *write* changes state that outlives the test that made it: ``os.environ`` (item set
and delete, ``update``/``pop``/``setdefault``/``clear``/``popitem``, ``os.putenv`` and
``os.unsetenv``, rebinding), ``sys.path`` and ``sys.modules`` (item and slice writes and
their mutating methods), the working directory (``os.chdir``), attributes of imported
modules and objects and of classes and objects defined at module level (assignment,
``del``, ``setattr``/``delattr``), and module globals rebound through ``global``.
``from os import environ``, ``import os as o`` and local or module-level aliases
(``env = os.environ``) are followed; copies (``os.environ.copy()``, ``dict(os.environ)``)
are not state.

A write is harmless when something undoes it:

* a *guard* taken before it on the same target: ``monkeypatch.setenv/setattr/setitem/
  delenv/delattr/delitem/syspath_prepend/chdir`` (monkeypatch restores what it saw first,
  whatever happened later), ``mock.patch``/``patch.object``/``patch.dict``/``patch.multiple``
  as decorator, context manager or ``start()``, ``mocker.patch...``;
* a *restore*: a write to the same target in teardown code (after ``yield``, in a
  ``finally`` block, in a callback given to ``addfinalizer``/``addCleanup``/
  ``ExitStack.callback``, in ``teardown_*``/``tearDown*``/``__exit__``), or later in the
  same function a removal (``del``, ``pop``) or a write of a value saved from the target
  (``old = os.environ.get(k)`` ... ``os.environ[k] = old``).

Guards and restores of the fixtures a test requests (and of autouse fixtures) count
for the test; the rule module decides which functions to judge and how to report.
"""
from __future__ import annotations

import ast
import bisect
import itertools
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence, Union

from ..model.bodies import BodyIndex
from ..model.facts import ClassFacts, FixtureDef, ModuleFacts, TestDef
from ..model.hierarchy import FixtureIndex
from ..model.names import NameResolver
from ..model.loader import ParsedModule
from .process_state_restores import FORKING_MARKS, ProjectInitials, is_literal, names_word, same_value

from ..knowledge.process_state import (  # the data half of this module
    ATTRIBUTE,
    CONTAINERS,
    CONTEXT_LOCALS,
    CWD,
    CWD_READS,
    ENVIRON,
    FINALIZER_METHODS,
    GLOBAL,
    IN_PLACE_METHODS,
    MAPPING_METHODS,
    MONKEYPATCH_METHODS,
    MUTATING_METHODS,
    PROCESS_CALLS,
    REMOVING_METHODS,
    RESET_BY_PYTEST,
    RESTORING_CALLS,
    RESTORING_FIXTURES,
    STATE_ROOTS,
    STATE_WORDS,
    SYS_MODULES,
    SYS_PATH,
    WRITING_CALLS,
)

if TYPE_CHECKING:
    from .process_state_calls import CallEffect, Removal

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
Position = tuple[int, int]
Span = tuple[int, int, int, int]

def state_word_lines(
    text: str, lines: Sequence[str], resolver: NameResolver, aliases: Iterable[str] = ()
) -> list[int]:
    """Sorted line numbers (1-based) holding a word that names process state (or a
    module-level alias of it: ``ENV = os.environ``)."""
    words = list(STATE_WORDS) + [alias for alias in aliases if alias not in STATE_WORDS]
    for local, qualified in resolver._bindings.items():
        if qualified.startswith(STATE_ROOTS) and local not in words:
            words.append(local)
    positions: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            positions.append(at)
            at = text.find(word, at + 1)
    if not positions:
        return []
    starts = list(itertools.accumulate(map(len, lines), initial=0))
    return sorted({bisect.bisect_right(starts, at) for at in positions})


def names_state(node: FunctionNode, word_lines: Sequence[int]) -> bool:
    """Whether a line of ``node`` names process state: without one it cannot change the
    environment, ``sys.path``, ``sys.modules`` or the working directory."""
    first = bisect.bisect_left(word_lines, node.lineno)
    return first < len(word_lines) and word_lines[first] <= (node.end_lineno or node.lineno)


def may_write(node: FunctionNode, word_lines: Sequence[int]) -> bool:
    """Whether ``node`` can write process state at all (a superset of what is judged)."""
    if names_state(node, word_lines):
        return True
    pending: list[ast.stmt] = list(node.body)
    while pending:
        stmt = pending.pop()
        kind = type(stmt)
        if kind is ast.Assign:
            if any(type(t) is not ast.Name for t in stmt.targets):  # type: ignore[attr-defined]
                return True
        elif kind is ast.AugAssign or kind is ast.AnnAssign:
            if type(stmt.target) is not ast.Name:  # type: ignore[attr-defined]
                return True
        elif kind is ast.Delete or kind is ast.Global:
            return True
        for field_name in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(stmt, field_name, None)
            if block:
                pending.extend(block)
    return False


_GUARDING_CALLS = MONKEYPATCH_METHODS | {"patch", "dict", "object", "multiple"}
PER_TEST_SETUP = frozenset({"setup", "setup_method", "setup_function", "setUp"})
"""Setup functions that run before every test of their class or module."""
SETUP_FUNCTIONS = frozenset(
    {"setup", "setup_method", "setup_function", "setup_class", "setup_module", "setUp", "setUpClass", "setUpModule"}
)
_EXPRESSION = "\0"  # prefix of keys computed at run time: "\0" + their source
TEARDOWN_FUNCTIONS = frozenset(
    {
        "teardown",
        "teardown_method",
        "teardown_function",
        "teardown_class",
        "teardown_module",
        "tearDown",
        "tearDownClass",
        "tearDownModule",
        "__exit__",
        "__aexit__",
    }
)


@dataclass(frozen=True)
class Target:
    """A piece of state: ``kind`` with the object's qualified name and a key or attribute.

    ``key`` is ``None`` for the whole object or when the key is not a literal.
    """

    kind: str
    base: str = ""
    key: Optional[str] = None

    def covers(self, other: Target) -> bool:
        """Whether saving or restoring this target also saves or restores ``other``: the
        whole object covers every key, a key computed at run time may be any key, a
        literal key covers only itself (not ``clear()``)."""
        if self.kind != other.kind or self.base != other.base:
            return False
        return self.key is None or self.key == other.key or self.key.startswith(_EXPRESSION)

    @property
    def shown_key(self) -> Optional[str]:
        if self.key is None:
            return None
        return self.key[1:] if self.key.startswith(_EXPRESSION) else repr(self.key)

    def describe(self) -> str:
        if self.kind in (ENVIRON, SYS_MODULES):
            return f"{self.kind}[{self.shown_key}]" if self.key is not None else self.kind
        if self.kind == SYS_PATH:
            return SYS_PATH
        if self.kind == CWD:
            return "the working directory"
        if self.kind == GLOBAL:
            return f"module global `{self.key}`"
        if self.key is None:
            return f"`{self.base}`"
        if self.key.startswith(_EXPRESSION):
            return f"`{self.base}.<{self.key[1:]}>`"
        return f"`{self.base}.{self.key}`"


def attribute_target(base: str, name: Optional[str]) -> Target:
    """``base.name``, seen as the container it is when it is one (``os`` + ``environ``)."""
    if name is not None and f"{base}.{name}" in CONTAINERS:
        return Target(CONTAINERS[f"{base}.{name}"])
    return Target(ATTRIBUTE, base, name)


@dataclass(frozen=True)
class StateWrite:
    """One write to process or module state inside a function."""

    target: Target
    node: ast.AST
    """What a finding points at: the statement, or the call."""
    statement: Optional[ast.stmt]
    """The statement that is exactly this write (for rewriting it), else ``None``."""
    operation: str
    """``assign``, ``delete``, ``augassign``, a method name (``pop``), or the called
    function's qualified name (``os.chdir``, ``setattr``)."""
    removal: bool
    restores_saved: bool
    """The written value was saved from the same kind of state earlier in the function."""
    mutation: bool = False
    """Changes an attribute's value in place (``logging.root.handlers[:] = saved``): only
    counted as a restore in teardown code, never reported."""
    saved_from: tuple[Target, ...] = ()
    """The state the written value was read from (``prev = mod.A`` ... ``mod.B = prev``)."""

    @property
    def mistyped_restore(self) -> bool:
        """Writes a value saved from another attribute of the same object: meant as the
        restore of that attribute (``sec._os_alt_steps = prev`` for ``_os_alt_seps``)."""
        target = self.target
        return (
            not self.restores_saved
            and target.kind == ATTRIBUTE
            and any(t.kind == ATTRIBUTE and t.base == target.base and t.key != target.key for t in self.saved_from)
        )

    @property
    def position(self) -> Position:
        return (getattr(self.node, "lineno", 0), getattr(self.node, "col_offset", 0))


@dataclass
class ModuleState:
    """What a module defines at its top level, for telling module state from locals."""

    names: frozenset[str]
    """Classes and assigned names of the module: their attributes are module state."""
    aliases: dict[str, str]
    """Module-level names bound to a container (``ENV = os.environ``): name -> kind."""
    functions: dict[str, FunctionNode]
    called_at_import: frozenset[str]
    """Functions called by the module's own top-level statements (import-time setup)."""
    initial: dict[str, ast.expr] = field(default_factory=dict)
    """Module-level names and the value they start with."""
    patchers: dict[str, list[Target]] = field(default_factory=dict)
    """Module-level names bound to a patcher (``env = patch.dict(os.environ)``): what its
    ``start()`` or ``with env:`` saves."""
    saved: dict[str, list[Target]] = field(default_factory=dict)
    """Module-level names bound to a read of state (``_ORIGINAL = mod.A``)."""
    self_saved: dict[str, list[Target]] = field(default_factory=dict)
    """Attributes that setup methods set from a read of state (``self.old = os.getcwd()``)."""
    project_initial: Optional[Callable[[str, str], Optional[ast.expr]]] = None
    """The literal a project module starts ``base.name`` with, when it can be read."""
    call_effects: Optional[Callable[[ast.Call, BodyIndex], Optional[CallEffect]]] = None
    """What a call does to process state, from the summary of the function it calls."""
    class_names: frozenset[str] = frozenset()
    """Classes the module defines."""

    def owns(self, target: Target) -> bool:
        """Whether ``target`` is the test module's own state, not the process's: a global
        of the module, or an attribute of a class it defines or of an object it builds from
        a literal or one of its own classes. Only the module's own tests can read it; an
        imported module, class or object is shared with everything else."""
        if target.kind == GLOBAL:
            return True
        if target.kind != ATTRIBUTE or not target.base:
            return False
        root = target.base.split(".", 1)[0]
        if root in self.class_names:
            return True
        value = self.initial.get(root)
        return value is not None and _builds_fresh_object(value, self.class_names)

    @classmethod
    def of(cls, tree: ast.Module, resolver: NameResolver) -> ModuleState:
        names: set[str] = set()
        aliases: dict[str, str] = {}
        functions: dict[str, FunctionNode] = {}
        called: set[str] = set()
        initial: dict[str, ast.expr] = {}
        patcher_values: dict[str, ast.Call] = {}
        qualified = resolver.qualified_name
        for stmt in _top_level(tree.body):
            if isinstance(stmt, ast.ClassDef):
                names.add(stmt.name)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions[stmt.name] = stmt
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        names.add(target.id)
                        initial[target.id] = stmt.value
                        kind = CONTAINERS.get(qualified(stmt.value) or "")
                        if kind is not None:
                            aliases[target.id] = kind
                        if isinstance(stmt.value, ast.Call) and _patch_kind(
                            qualified(stmt.value.func) or resolver.local_name(stmt.value.func)
                        ):
                            patcher_values[target.id] = stmt.value
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                if isinstance(stmt.value.func, ast.Name):
                    called.add(stmt.value.func.id)
        module = cls(frozenset(names), aliases, functions, frozenset(called), initial)
        module.class_names = frozenset(s.name for s in _top_level(tree.body) if isinstance(s, ast.ClassDef))
        for name, call in patcher_values.items():
            scope = _Scope(call, BodyIndex(call, resolver), module)
            module.patchers[name] = scope.guarded_by(call)
        for name, value in initial.items():
            if isinstance(value, (ast.Attribute, ast.Subscript, ast.Call)):
                read = _Scope(value, BodyIndex(value, resolver), module).read_targets(value)
                if read:
                    module.saved[name] = read
        for stmt in _top_level(tree.body):
            if isinstance(stmt, ast.ClassDef):
                for method in stmt.body:
                    if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and method.name in SETUP_FUNCTIONS:
                        module._save_self_attributes(method, resolver)
        return module

    def _save_self_attributes(self, method: FunctionNode, resolver: NameResolver) -> None:
        scope = _Scope(method, BodyIndex(method, resolver), self)
        for stmt in scope.body.of(ast.Assign):
            if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute):
                owner = stmt.targets[0].value
                if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                    targets = scope.read_targets(stmt.value)
                    if targets:
                        self.self_saved.setdefault(stmt.targets[0].attr, []).extend(targets)


@dataclass
class FunctionState:
    """The writes of one function and what in that function guards or restores state."""

    node: FunctionNode
    writes: list[StateWrite] = field(default_factory=list)
    guards: list[tuple[Target, Position]] = field(default_factory=list)
    """Targets saved by monkeypatch or mock.patch, from a position on."""
    restores: list[Target] = field(default_factory=list)
    """Targets this function's teardown code writes back."""
    teardown_writes: list[StateWrite] = field(default_factory=list)
    nested: list[Span] = field(default_factory=list)
    """Spans of nested functions, lambdas and classes."""
    scoped_guards: list[tuple[Span, frozenset[str], frozenset[str]]] = field(default_factory=list)
    """``with`` blocks whose context manager names a key or an object: (body span,
    strings and keyword names it is given, state objects it is given)."""
    expected_to_fail: set[int] = field(default_factory=set)
    """ids of statements that end a ``with pytest.raises(...)`` block."""
    reset_points: list[Position] = field(default_factory=list)
    """Calls such as ``snapshot.restore()`` / ``mp.undo()``: everything before is undone."""
    local_imports: frozenset[str] = frozenset()
    """Top-level module names imported inside the function."""
    named_modules: list[tuple[Position, frozenset[str]]] = field(default_factory=list)
    """Calls given dotted names as strings (``patching.modules("django.apps")``)."""
    environ_reads: list[tuple[str, Position]] = field(default_factory=list)
    """Keys of ``os.environ`` the function reads, and where (only looked for when the
    function removes one)."""
    managed: list[tuple[Span, Target]] = field(default_factory=list)
    """``with`` blocks of a context manager that writes the target back when it ends."""
    removals: list[tuple[Position, Removal]] = field(default_factory=list)
    """Calls of functions that remove keys (``clean_environ("APP_")``), and where."""
    registrations: list[tuple[Position, frozenset[str]]] = field(default_factory=list)
    """``register_*(...)`` calls given names as strings (``register_accessor("demo")``)."""
    pristine_values: set[int] = field(default_factory=set)
    """ids of writes whose value is read from state this function writes back in its
    teardown (``_state.orig = _state.join`` ... ``yield`` ... ``_state.join = prev``):
    the value is the same every time the function starts."""

    def resets(self) -> list[Target]:
        """Attributes this function (an autouse fixture, a per-test setup method) sets
        before every test: what a test of its scope changes there is reset for the next."""
        return [w.target for w in self.writes if w.target.kind == ATTRIBUTE]

    def reset_writes(self) -> list[StateWrite]:
        """Of :meth:`resets`, the writes that put a fresh or starting value in place
        (``registry.ITEMS = {}``, ``= None``, ``= Registry()``, the module's initial
        value): a reset, not a change. ``settings.DEBUG = True`` is a change."""
        return [
            w
            for w in self.writes
            if (w.target.kind == ATTRIBUTE and (_fresh_value(w) or id(w.node) in self.pristine_values)) or _clears_variable(w)
        ]

    def provided_restores(self) -> list[Target]:
        """What a requester of this function (as a fixture) can count on being undone."""
        return self.restores + [target for target, _ in self.guards]

    def leaks(self, ambient: Sequence[Target] = ()) -> list[StateWrite]:
        """The writes that nothing in this function, nor ``ambient``, undoes."""
        found: list[StateWrite] = []
        restored = list(self.restores) + list(ambient)
        for write in sorted(self.writes, key=lambda w: w.position):
            target = write.target
            if any(earlier.target == target for earlier in found):
                continue  # the first unguarded write is the leak; later ones change it again
            if write.restores_saved or write.mistyped_restore:
                continue  # the restore line itself: it puts back (or means to) a saved value
            if write.removal and target.kind == ENVIRON and self.cleans_up_created(write):
                continue
            if target.kind == ATTRIBUTE and (
                any(_replaced_by(o.target, target) for o in self.writes if o.position < write.position and not o.removal)
                or any(_replaced_by(guard, target) for guard, at in self.guards if at < write.position)
            ):
                continue  # an attribute of an object this function put there itself
            if target.kind == SYS_MODULES and write.removal:
                continue  # forgetting a module only makes the next import load it again
            if any(guard.covers(target) and at <= write.position for guard, at in self.guards):
                continue
            if any(other.covers(target) for other in restored):
                continue
            if id(write.statement or write.node) in self.expected_to_fail:
                continue  # the write is what ``pytest.raises`` expects to fail
            if any(point > write.position for point in self.reset_points):
                continue
            if any(_inside(write.node, span) and _named_by(target, keys, objects) for span, keys, objects in self.scoped_guards):
                continue
            if target.kind == ATTRIBUTE and target.base.split(".", 1)[0] in self.local_imports:
                if any(at < write.position and _names_module(target, names) for at, names in self.named_modules):
                    continue  # imported here after a call set up a fake of that module
            if any(_undoes(write, o) and o.position < write.position for o in self.writes):
                continue  # it undoes an earlier write of this function
            if any(_inside(write.node, span) and managed.covers(target) for span, managed in self.managed):
                continue  # inside a ``with`` block whose context manager writes it back
            if write.removal and target.kind == ATTRIBUTE and self._registered(write):
                continue  # deletes what the function registered itself
            if self._undone_later(write):
                continue  # undone later in the function (a removal, a write-back, a helper)
            found.append(write)
        return found

    def _undone_later(self, write: StateWrite) -> bool:
        if any(_undoes(o, write) and o.position > write.position for o in self.writes):
            return True
        return not write.removal and any(at > write.position and r.covers(write.target) for at, r in self.removals)

    def _registered(self, removal: StateWrite) -> bool:
        key = removal.target.key
        if key is None or key.startswith(_EXPRESSION):
            return False
        return any(at < removal.position and key in names for at, names in self.registrations)

    def in_nested_scope(self, node: ast.AST) -> bool:
        return any(_inside(node, span) for span in self.nested)

    def cleans_up_created(self, removal: StateWrite) -> bool:
        """A removal of an environment variable that this function never set but read
        before removing it: something it called set the variable (``load_dotenv()``,
        ``app.configure()``), and the removal cleans that up. An earlier write of the
        key by the function itself is judged at that write."""
        key = removal.target.key
        if key is None or any(w.target == removal.target and w.position < removal.position for w in self.writes):
            return False
        return any(read == key and at < removal.position for read, at in self.environ_reads)

    def mistyped_restore_of(self, write: StateWrite) -> Optional[StateWrite]:
        """A later write of a value saved from ``write``'s target to another attribute
        of the same object: the restore of ``write`` went to the wrong name."""
        for other in self.writes:
            if other.position > write.position and other.mistyped_restore and write.target in other.saved_from:
                return other
        return None


class FunctionAnalyser:
    """Finds the writes, guards and restores of functions of one module."""

    def __init__(self, module: ModuleState) -> None:
        self.module = module
        self.finalizers: set[str] = set()
        """Module-level functions seen given to ``addfinalizer`` & co.: teardown code."""

    def analyse(self, node: FunctionNode, body: BodyIndex, include_globals: bool = False) -> FunctionState:
        state = FunctionState(node)
        scope = _Scope(node, body, self.module)
        state.nested = scope.nested
        regions = self._teardown_regions(scope, state)
        elsewhere = scope.run_elsewhere
        for write in self._writes(scope, include_globals):
            if elsewhere and any(_inside(write.node, span) for span in elsewhere):
                continue
            if any(_inside(write.node, region) for region in regions):
                state.teardown_writes.append(write)
                state.restores.append(write.target)
            elif write.mutation:
                continue  # in-place changes of an attribute's value are not reported
            else:
                state.writes.append(write)
        if state.restores:
            self._pristine_values(scope, state)
        self._guards(body, state, scope)
        self._blocks(scope, state)
        if state.writes:
            self._call_effects(scope, state)
        if any(w.removal and w.target.kind == ENVIRON for w in state.writes):
            state.environ_reads = scope.environ_reads()
        if node.name in TEARDOWN_FUNCTIONS:
            state.restores.extend(write.target for write in state.writes)
            state.teardown_writes.extend(state.writes)
            state.writes = []
        return state

    # -- writes ---------------------------------------------------------------------
    def _writes(self, scope: _Scope, include_globals: bool) -> Iterator[StateWrite]:
        body = scope.body
        for stmt in body.of(ast.Assign):
            single = len(stmt.targets) == 1
            for target in stmt.targets:
                for element in _unpack(target):
                    write = scope.store(element, stmt, stmt.value, "assign")
                    if write is not None:
                        yield _with_statement(write, stmt if single and element is target else None)
        for ann in body.of(ast.AnnAssign):
            if ann.value is not None:
                write = scope.store(ann.target, ann, ann.value, "assign")
                if write is not None:
                    yield _with_statement(write, ann)
        for aug in body.of(ast.AugAssign):
            write = scope.store(aug.target, aug, aug.value, "augassign")
            if write is not None:
                yield _with_statement(write, aug)
        for delete in body.of(ast.Delete):
            for target in delete.targets:
                for element in _unpack(target):
                    write = scope.store(element, delete, None, "delete")
                    if write is not None:
                        single = len(delete.targets) == 1 and element is target
                        yield _with_statement(write, delete if single else None)
        statements = {id(expr.value): expr for expr in body.of(ast.Expr)}
        for call in scope.calls(WRITING_CALLS):
            write = scope.call(call)
            if write is not None:
                yield _with_statement(write, statements.get(id(call)))
        if include_globals:
            yield from scope.global_writes()

    # -- teardown -------------------------------------------------------------------
    def _teardown_regions(self, scope: _Scope, state: FunctionState) -> list[Span]:
        body = scope.body
        regions: list[Span] = []
        tries: list[ast.Try] = body.of(ast.Try)
        if hasattr(ast, "TryStar"):
            tries = tries + body.of(ast.TryStar)  # type: ignore[arg-type,unused-ignore]
        for node in tries:
            if node.finalbody:
                regions.append(_span_of(node.finalbody[0], node.finalbody[-1]))
        yields: list[ast.expr] = [y for y in body.of(ast.Yield) if not scope.in_nested(y)]
        yields.extend(y for y in body.of(ast.YieldFrom) if not scope.in_nested(y))
        if yields:
            first = min(yields, key=lambda y: (y.lineno, y.col_offset))
            whole = _span_of(scope.node, scope.node)
            regions.append((first.lineno, first.col_offset, whole[2], whole[3]))
        nested_defs: dict[str, ast.AST] = {n.name: n for n in body.of(ast.FunctionDef) if n is not scope.node}
        nested_defs.update((n.name, n) for n in body.of(ast.AsyncFunctionDef) if n is not scope.node)
        for call in scope.calls(FINALIZER_METHODS):
            func = call.func
            if not (isinstance(func, ast.Attribute) and call.args):
                continue
            callback = call.args[0]
            if isinstance(callback, ast.Lambda):
                regions.append(_span_of(callback, callback))
            elif isinstance(callback, ast.Name) and callback.id in nested_defs:
                regions.append(_span_of(nested_defs[callback.id], nested_defs[callback.id]))
            elif isinstance(callback, ast.Name) and callback.id in self.module.functions:
                state.restores.extend(self._helper_writes(callback.id, scope))
            else:
                synthetic = ast.Call(func=callback, args=call.args[1:], keywords=call.keywords)
                ast.copy_location(synthetic, call)
                write = scope.call(synthetic)
                if write is not None:
                    state.restores.append(write.target)
        if regions:  # module helpers called from teardown code restore what they write
            for name, calls in scope.calls_by_name.items():
                if name in self.module.functions and name != scope.node.name:  # type: ignore[attr-defined]
                    if any(isinstance(c.func, ast.Name) and any(_inside(c, r) for r in regions) for c in calls):
                        state.restores.extend(self._helper_writes(name, scope))
        return regions

    def _pristine_values(self, scope: _Scope, state: FunctionState) -> None:
        for write in state.writes:
            value = getattr(write.statement, "value", None) if isinstance(write.statement, ast.Assign) else None
            if isinstance(value, ast.Attribute):
                read = scope.read_targets(value)
                if read and all(any(r.covers(t) for r in state.restores) for t in read):
                    state.pristine_values.add(id(write.node))

    def _helper_writes(self, name: str, scope: _Scope) -> list[Target]:
        """What module-level helper ``name`` writes: teardown code, when called as one."""
        self.finalizers.add(name)
        helper = self.module.functions[name]
        helper_scope = _Scope(helper, BodyIndex(helper, scope.body.resolver), self.module)
        return [w.target for w in self._writes(helper_scope, include_globals=False)]

    def _blocks(self, scope: _Scope, state: FunctionState) -> None:
        """``with`` blocks that manage what they are given, ``pytest.raises`` blocks, and
        calls that restore a snapshot."""
        body = scope.body
        blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
        for block in blocks:
            span = _span_of(block.body[0], block.body[-1])
            for item in block.items:
                call = item.context_expr
                if not isinstance(call, ast.Call):
                    continue
                if body.is_expected_failure(call):
                    state.expected_to_fail.add(id(block.body[-1]))
                    continue
                if _patch_kind(body.qualified_name(call.func) or body.resolver.local_name(call.func)):
                    continue  # a patcher guards exactly what it patches (see _guards)
                if isinstance(call.func, ast.Attribute) and call.func.attr in MONKEYPATCH_METHODS:
                    continue
                keys = {a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
                keys.update(k.arg for k in call.keywords if k.arg)
                objects = {o for o in (scope.state_object(a) for a in call.args) if o is not None}
                if keys or objects:
                    state.scoped_guards.append((span, frozenset(keys), frozenset(objects)))
        for name, calls in scope.calls_by_name.items():
            if name in RESTORING_CALLS or name.startswith("restore_"):
                state.reset_points.extend((call.lineno, call.col_offset) for call in calls)
        imported = {alias.name.split(".", 1)[0] for node in body.of(ast.Import) for alias in node.names}
        imported.update((node.module or "").split(".", 1)[0] for node in body.of(ast.ImportFrom) if not node.level)
        state.local_imports = frozenset(imported - {""})
        if state.local_imports:
            for call in body.of(ast.Call):
                names = {n for n in scope.string_arguments(call) if n.split(".", 1)[0] in state.local_imports}
                if names:
                    state.named_modules.append(((call.lineno, call.col_offset), frozenset(names)))

    def _call_effects(self, scope: _Scope, state: FunctionState) -> None:
        """What the functions this one calls undo: context managers that write state
        back when their block ends, helpers that remove keys, ``register_*`` calls."""
        body = scope.body
        if any(w.removal and w.target.kind == ATTRIBUTE for w in state.writes):
            for call in body.of(ast.Call):
                func = call.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                if "register" in name.lower():
                    names = {a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
                    if names:
                        state.registrations.append(((call.lineno, call.col_offset), frozenset(names)))
        effects = self.module.call_effects
        if effects is None:
            return
        first = min(w.position for w in state.writes)
        blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
        for block in blocks:
            for item in block.items:
                manager = item.context_expr
                if isinstance(manager, ast.Call):
                    effect = effects(manager, body)
                    if effect is not None:
                        span = _span_of(block.body[0], block.body[-1])
                        state.managed.extend((span, target) for target in effect.restores_after)
        for expr in body.of(ast.Expr):
            called = expr.value
            if isinstance(called, ast.Call) and (called.lineno, called.col_offset) > first and not scope.in_nested(called):
                effect = effects(called, body)
                if effect is not None:
                    state.removals.extend(((called.lineno, called.col_offset), removal) for removal in effect.removes)

    # -- guards ---------------------------------------------------------------------
    def _guards(self, body: BodyIndex, state: FunctionState, scope: Optional[_Scope] = None) -> None:
        scope = scope or _Scope(state.node, body, self.module)
        for call in scope.calls(_GUARDING_CALLS):
            at = (call.lineno, call.col_offset)
            for target in scope.guarded_by(call):
                state.guards.append((target, at))
        patchers = self.module.patchers
        if patchers:
            for call in scope.calls(frozenset({"start", "__enter__"})):
                receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
                if isinstance(receiver, ast.Name) and receiver.id in patchers and receiver.id not in scope.locals:
                    state.guards.extend((target, (call.lineno, call.col_offset)) for target in patchers[receiver.id])
            blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
            for block in blocks:
                for item in block.items:
                    name = item.context_expr
                    if isinstance(name, ast.Name) and name.id in patchers and name.id not in scope.locals:
                        state.guards.extend((target, (block.lineno, block.col_offset)) for target in patchers[name.id])


def class_guards(node: ast.ClassDef, resolver: NameResolver, module: ModuleState) -> list[Target]:
    """Targets patched by the decorators of a class (``@mock.patch.dict(os.environ)``)."""
    found: list[Target] = []
    for decorator in node.decorator_list:
        scope = _Scope(decorator, BodyIndex(decorator, resolver), module)
        found.extend(target for call in scope.calls(_GUARDING_CALLS) for target in scope.guarded_by(call))
    return found


def monkeypatch_calls(write: StateWrite, text: Callable[[ast.AST], str], mp: str = "monkeypatch") -> Optional[list[str]]:
    """The monkeypatch call(s) that do what ``write``'s statement does and undo it after
    the test, or ``None`` when there is no faithful equivalent (``setdefault``, ``clear``,
    ``putenv``, in-place operators, ``global``, a value that is used)."""
    stmt = write.statement
    kind = write.target.kind
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and write.operation == "assign":
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
        value = text(stmt.value) if stmt.value is not None else ""
        if isinstance(target, ast.Attribute):
            tail = ", raising=False" if _often_absent(target.attr) or _new_in_stdlib(write.target) else ""
            return [f'{mp}.setattr({text(target.value)}, "{target.attr}", {value}{tail})']
        if isinstance(target, ast.Subscript) and kind == ENVIRON:
            return [f"{mp}.setenv({text(target.slice)}, {value})"]
        if isinstance(target, ast.Subscript) and kind == SYS_MODULES:
            return [f"{mp}.setitem({text(target.value)}, {text(target.slice)}, {value})"]
        return None
    if isinstance(stmt, ast.Delete):
        target = stmt.targets[0]
        if isinstance(target, ast.Attribute):
            return [f'{mp}.delattr({text(target.value)}, "{target.attr}")']
        if isinstance(target, ast.Subscript) and kind == ENVIRON:
            return [f"{mp}.delenv({text(target.slice)})"]
        if isinstance(target, ast.Subscript) and kind == SYS_MODULES:
            return [f"{mp}.delitem({text(target.value)}, {text(target.slice)})"]
        return None
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    call = stmt.value
    if any(isinstance(arg, ast.Starred) for arg in call.args):
        return None
    args = [text(arg) for arg in call.args]
    operation = write.operation
    if operation in ("setattr", "delattr") and not call.keywords and len(args) == (3 if operation == "setattr" else 2):
        name = _literal(call.args[1])
        absent = name is None or _often_absent(name) or _new_in_stdlib(write.target)
        tail = ", raising=False" if operation == "setattr" and absent else ""
        return [f"{mp}.{operation}({', '.join(args)}{tail})"]
    if operation == "os.chdir" and len(args) == 1 and not call.keywords:
        return [f"{mp}.chdir({args[0]})"]
    if not isinstance(call.func, ast.Attribute):
        return None
    receiver = text(call.func.value)
    if kind in (ENVIRON, SYS_MODULES) and operation in ("pop", "__delitem__") and not call.keywords and 1 <= len(args) <= 2:
        tail = ", raising=False" if len(args) == 2 else ""
        if operation == "__delitem__" and len(args) != 1:
            return None
        if kind == ENVIRON:
            return [f"{mp}.delenv({args[0]}{tail})"]
        return [f"{mp}.delitem({receiver}, {args[0]}{tail})"]
    if kind in (ENVIRON, SYS_MODULES) and operation == "__setitem__" and len(args) == 2 and not call.keywords:
        return [f"{mp}.setenv({args[0]}, {args[1]})"] if kind == ENVIRON else [f"{mp}.setitem({receiver}, {args[0]}, {args[1]})"]
    if kind == ENVIRON and operation == "update" and len(call.args) <= 1:
        pairs: list[tuple[str, str]] = []
        if call.args:
            mapping = call.args[0]
            if not isinstance(mapping, ast.Dict) or any(key is None for key in mapping.keys):
                return None
            pairs.extend((text(key), text(value)) for key, value in zip(mapping.keys, mapping.values) if key is not None)
        for keyword in call.keywords:
            if keyword.arg is None:
                return None
            pairs.append((f'"{keyword.arg}"', text(keyword.value)))
        return [f"{mp}.setenv({key}, {value})" for key, value in pairs] or None
    if kind == SYS_PATH and isinstance(call.func.value, ast.Attribute) and not call.keywords:
        module = text(call.func.value.value)
        if operation == "insert" and len(args) == 2 and _literal_int(call.args[0]) == 0:
            return [f"{mp}.syspath_prepend({args[1]})"]
        if operation == "append" and len(args) == 1:
            return [f'{mp}.setattr({module}, "path", [*{receiver}, {args[0]}])']
        if operation == "extend" and len(args) == 1:
            return [f'{mp}.setattr({module}, "path", [*{receiver}, *{args[0]}])']
    return None


class _Scope:
    """Name resolution inside one function: locals, imports, module state, aliases."""

    def __init__(self, node: ast.AST, body: BodyIndex, module: ModuleState) -> None:
        self.node = node
        self.body = body
        self.module = module
        self.nested = [
            _span_of(n, n)
            for kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
            for n in body.of(kind)
            if n is not node
        ]
        self._locals: Optional[set[str]] = None
        self._aliases: Optional[dict[str, str]] = None
        self._saved: Optional[dict[str, list[Target]]] = None
        self._calls: Optional[dict[str, list[ast.Call]]] = None

    @property
    def calls_by_name(self) -> dict[str, list[ast.Call]]:
        """The function's calls by the last name of what they call (``x.pop()``: pop)."""
        if self._calls is None:
            grouped: dict[str, list[ast.Call]] = {}
            for call in self.body.of(ast.Call):
                func = call.func
                if isinstance(func, ast.Attribute):
                    grouped.setdefault(func.attr, []).append(call)
                elif isinstance(func, ast.Name):
                    grouped.setdefault(func.id, []).append(call)
            self._calls = grouped
        return self._calls

    def calls(self, names: frozenset[str]) -> list[ast.Call]:
        """Calls of any of ``names``."""
        grouped = self.calls_by_name
        return [call for name in names & grouped.keys() for call in grouped[name]]

    def in_nested(self, node: ast.AST) -> bool:
        return any(_inside(node, span) for span in self.nested)

    def string_arguments(self, call: ast.Call) -> set[str]:
        """The strings ``call`` is given: literals, and the strings of a module-level
        tuple or list it is given whole or unpacked (``patching.modules(*GEVENT_MODULES)``)."""
        found: set[str] = set()
        for argument in call.args:
            value = argument.value if isinstance(argument, ast.Starred) else argument
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(value.value)
            elif isinstance(value, ast.Name) and value.id not in self.locals:
                constant = self.module.initial.get(value.id)
                if isinstance(constant, (ast.Tuple, ast.List)):
                    found.update(e.value for e in constant.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
        return found

    @property
    def run_elsewhere(self) -> list[Span]:
        """Nested functions handed to a decorator (``@app.route``, ``@run_in_pyodide``):
        whatever runs them, when and where, is not this function."""
        functions: list[FunctionNode] = [*self.body.of(ast.FunctionDef), *self.body.of(ast.AsyncFunctionDef)]
        return [_span_of(n, n) for n in functions if n is not self.node and n.decorator_list]

    # -- names ----------------------------------------------------------------------
    @property
    def locals(self) -> set[str]:
        """Names bound in the function (parameters, assignments, loops, ``as``, and
        globals it rebinds): their attributes belong to objects this function made."""
        if self._locals is None:
            names = {arg.arg for arg in self.body.of(ast.arg)}
            names.update(n.id for n in self.body.of(ast.Name) if isinstance(n.ctx, (ast.Store, ast.Del)))
            names.update(h.name for h in self.body.of(ast.ExceptHandler) if h.name)
            self._locals = names
        return self._locals

    @property
    def local_aliases(self) -> dict[str, str]:
        """Local names every assignment of which is a container (``env = os.environ``)."""
        if self._aliases is None:
            candidates: dict[str, Optional[str]] = {}
            for stmt in self.body.of(ast.Assign):
                for target in stmt.targets:
                    for element in _unpack(target):
                        if isinstance(element, ast.Name):
                            kind = None
                            if element is target and len(stmt.targets) == 1:
                                kind = CONTAINERS.get(self.body.qualified_name(stmt.value) or "")
                            previous = candidates.get(element.id, kind)
                            candidates[element.id] = kind if previous == kind else None
            self._aliases = {name: kind for name, kind in candidates.items() if kind is not None}
        return self._aliases

    def container(self, node: ast.AST) -> Optional[str]:
        """``os.environ``, ``sys.path`` or ``sys.modules`` when ``node`` is one of them."""
        kind = CONTAINERS.get(self.body.qualified_name(node) or "")
        if kind is not None:
            return kind
        if isinstance(node, ast.Name):
            if node.id in self.local_aliases:
                return self.local_aliases[node.id]
            if node.id in self.module.aliases and node.id not in self.locals:
                return self.module.aliases[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return CONTAINERS.get(node.value)
        return None

    def state_object(self, node: ast.AST) -> Optional[str]:
        """The dotted name of an imported object or of a module-level class or object
        that ``node`` names, or ``None`` for locals, parameters and anything computed."""
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name) or root.id in self.locals:
            return None
        qualified = self.body.qualified_name(node)
        if qualified is not None:
            return qualified
        if root.id in self.module.names:
            return self.body.resolver.local_name(node)
        return None

    @property
    def saved(self) -> dict[str, list[Target]]:
        """Local names assigned from a read of state: name -> what was read
        (``old = os.getcwd()``: the working directory)."""
        if self._saved is None:
            saved: dict[str, list[Target]] = {}
            for stmt in self.body.of(ast.Assign):
                if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    targets = self.read_targets(stmt.value)
                    if targets:
                        saved.setdefault(stmt.targets[0].id, []).extend(targets)
            self._saved = saved
        return self._saved

    def read_targets(self, value: ast.AST) -> list[Target]:
        """The state an expression reads: ``os.environ.get("K")`` the key ``K``,
        ``dict(os.environ)`` all of it, ``mod.A`` and ``getattr(mod, "A")`` ``mod.A``."""
        found: list[Target] = []
        for node in ast.walk(value):
            if isinstance(node, (ast.Name, ast.Attribute)):
                kind = self.container(node)
                if kind is not None:
                    found.append(Target(kind))
                elif isinstance(node, ast.Attribute) and self.container(node.value) is None:
                    base = self.state_object(node.value)
                    if base is not None:
                        found.append(attribute_target(base, node.attr))
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                kind = self.container(node.value)
                if kind in (ENVIRON, SYS_MODULES) and not isinstance(node.slice, ast.Slice):
                    found.append(Target(kind, key=_key(node.slice)))
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr in ("get", "pop") and node.args:
                    kind = self.container(func.value)
                    if kind in (ENVIRON, SYS_MODULES):
                        found.append(Target(kind, key=_key(node.args[0])))
                if self.body.qualified_name(func) in CWD_READS:
                    found.append(Target(CWD))
                elif self.body.qualified_name(func) == "os.getenv" and node.args:
                    found.append(Target(ENVIRON, key=_key(node.args[0])))
                elif isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) >= 2:
                    base = self.state_object(node.args[0])
                    if base is not None:
                        found.append(attribute_target(base, _key(node.args[1])))
        return _narrowest(found)

    def environ_reads(self) -> list[tuple[str, Position]]:
        """Keys of ``os.environ`` read in the function: ``os.environ[k]``,
        ``os.environ.get(k)``, ``os.getenv(k)``, ``k in os.environ``."""
        found: list[tuple[str, Position]] = []
        for sub in self.body.of(ast.Subscript):
            if isinstance(sub.ctx, ast.Load) and self.container(sub.value) == ENVIRON:
                found.append((_key(sub.slice), (sub.lineno, sub.col_offset)))
        for call in self.body.of(ast.Call):
            func = call.func
            if not call.args:
                continue
            if (isinstance(func, ast.Attribute) and func.attr == "get" and self.container(func.value) == ENVIRON) or (
                self.body.qualified_name(func) == "os.getenv"
            ):
                found.append((_key(call.args[0]), (call.lineno, call.col_offset)))
        for compare in self.body.of(ast.Compare):
            if len(compare.ops) == 1 and isinstance(compare.ops[0], (ast.In, ast.NotIn)):
                if self.container(compare.comparators[0]) == ENVIRON:
                    found.append((_key(compare.left), (compare.lineno, compare.col_offset)))
        return found

    def saved_from(self, values: Iterable[Optional[ast.AST]]) -> tuple[Target, ...]:
        """What the names (and ``self.`` attributes set up in a setup method) used in
        ``values`` were saved from."""
        saved = self.saved
        module = self.module
        if not saved and not module.saved and not module.self_saved:
            return ()
        found: list[Target] = []
        for value in values:
            if value is None:
                continue
            for node in ast.walk(value):
                if isinstance(node, ast.Name):
                    if node.id in saved:
                        found.extend(saved[node.id])
                    elif node.id in module.saved and node.id not in self.locals:
                        found.extend(module.saved[node.id])
                elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                    if node.value.id in ("self", "cls") and node.attr in module.self_saved:
                        found.extend(module.self_saved[node.attr])
        return tuple(found)

    def _written_back(self, state: Target, values: Iterable[Optional[ast.AST]]) -> tuple[bool, tuple[Target, ...]]:
        """Whether the value written to ``state`` was saved from it, and from what."""
        origins = self.saved_from(values)
        return any(o.covers(state) or state.covers(o) for o in origins), origins

    def _initial_reset(self, state: Target, value: Optional[ast.expr]) -> bool:
        """``mod.DEBUG = False`` where the project's module starts with ``DEBUG = False``."""
        lookup = self.module.project_initial
        if lookup is None or value is None or state.kind != ATTRIBUTE or state.key is None:
            return False
        if state.key.startswith(_EXPRESSION) or not is_literal(value):
            return False
        initial = lookup(state.base, state.key)
        return initial is not None and same_value(initial, value)

    # -- writes ---------------------------------------------------------------------
    def store(self, target: ast.expr, stmt: ast.stmt, value: Optional[ast.expr], operation: str) -> Optional[StateWrite]:
        """A write when storing to (or deleting) ``target`` changes state."""
        removal = operation == "delete"
        if isinstance(target, ast.Subscript):
            kind = self.container(target.value)
            if kind is None:
                mutated = self._attribute(target.value)
                if mutated is None:
                    return None
                return StateWrite(mutated, stmt, None, operation, removal, False, mutation=True)
            key = _key(target.slice) if kind != SYS_PATH else None
            state = Target(kind, key=key)
        elif isinstance(target, ast.Attribute):
            kind = self.container(target)
            if kind is not None and operation == "augassign":
                state = Target(kind)  # sys.path += [...] extends the list in place
            else:
                found = self._attribute(target)
                if found is None:
                    return None
                state = found
        else:
            return None
        saved, origins = self._written_back(state, [value])
        if not saved and operation == "assign" and self._initial_reset(state, value):
            saved, origins = True, (state,)
        return StateWrite(state, stmt, None, operation, removal, saved, saved_from=origins)

    def _attribute(self, node: ast.AST) -> Optional[Target]:
        """The state ``node`` names when it is an attribute of module state, unless
        something else resets it (standard streams, context-local proxies)."""
        if not isinstance(node, ast.Attribute):
            return None
        base = self.state_object(node.value)
        if base is None or _not_state(base, node.attr):
            return None
        return attribute_target(base, node.attr)

    def call(self, call: ast.Call) -> Optional[StateWrite]:
        """A write when ``call`` mutates a container, changes the process or sets an
        attribute of module state."""
        func = call.func
        if isinstance(func, ast.Attribute):
            kind = self.container(func.value)
            if kind is not None and func.attr in MUTATING_METHODS[kind]:
                key = None
                if kind != SYS_PATH and func.attr in ("pop", "setdefault", "__setitem__", "__delitem__") and call.args:
                    key = _key(call.args[0])
                elif kind == SYS_PATH and func.attr in ("append", "remove") and len(call.args) == 1:
                    key = _key(call.args[0])
                elif kind == SYS_PATH and func.attr == "insert" and len(call.args) == 2:
                    key = _key(call.args[1])
                elif kind == ENVIRON and func.attr == "update" and _single_key(call) is not None:
                    key = _single_key(call)
                removal = func.attr in REMOVING_METHODS
                values = list(call.args) + [k.value for k in call.keywords]
                state = Target(kind, key=key)
                saved, origins = self._written_back(state, values)
                return StateWrite(state, call, None, func.attr, removal, saved, saved_from=origins)
            mutated = self._attribute(func.value)
            if mutated is not None and func.attr in IN_PLACE_METHODS:
                return StateWrite(mutated, call, None, func.attr, False, False, mutation=True)
        qualified = self.body.qualified_name(func)
        if qualified in PROCESS_CALLS:
            kind = PROCESS_CALLS[qualified]
            key = _key(call.args[0]) if kind == ENVIRON and call.args else None
            state = Target(kind, key=key)
            saved, origins = self._written_back(state, call.args)
            return StateWrite(state, call, None, qualified, qualified == "os.unsetenv", saved, saved_from=origins)
        if (
            isinstance(func, ast.Name)
            and func.id in ("setattr", "delattr")
            and func.id not in self.locals
            and qualified is None
            and len(call.args) >= 2
        ):
            base = self.state_object(call.args[0])
            name = _key(call.args[1])
            if base is None or _not_state(base, name):
                return None
            state = attribute_target(base, name)
            saved, origins = self._written_back(state, call.args[2:])
            if not saved and func.id == "setattr" and len(call.args) == 3 and self._initial_reset(state, call.args[2]):
                saved, origins = True, (state,)
            return StateWrite(state, call, None, func.id, func.id == "delattr", saved, saved_from=origins)
        return None

    def global_writes(self) -> Iterator[StateWrite]:
        declared = {name for g in self.body.of(ast.Global) if not self.in_nested(g) for name in g.names}
        if not declared:
            return
        statements: list[tuple[ast.stmt, list[ast.expr], str]] = []
        statements.extend((s, list(s.targets), "assign") for s in self.body.of(ast.Assign))
        statements.extend((s, [s.target], "augassign") for s in self.body.of(ast.AugAssign))
        statements.extend((s, [s.target], "assign") for s in self.body.of(ast.AnnAssign) if s.value is not None)
        statements.extend((s, list(s.targets), "delete") for s in self.body.of(ast.Delete))
        for stmt, targets, operation in statements:
            if self.in_nested(stmt):
                continue
            for target in targets:
                for element in _unpack(target):
                    if isinstance(element, ast.Name) and element.id in declared:
                        value = getattr(stmt, "value", None)
                        initial = self.module.initial.get(element.id)
                        if operation == "assign" and value is not None and initial is not None:
                            if ast.dump(value) == ast.dump(initial):
                                continue  # reset to the value the module starts with
                        yield StateWrite(Target(GLOBAL, key=element.id), stmt, None, operation, operation == "delete", False)

    # -- guards ---------------------------------------------------------------------
    def guarded_by(self, call: ast.Call) -> list[Target]:
        """Targets ``call`` saves for later restoring: monkeypatch and mock.patch calls."""
        func = call.func
        patch = _patch_kind(self.body.qualified_name(func) or self.body.resolver.local_name(func))
        args = call.args
        if patch == "dict" and args:
            kind = self.container(args[0])
            return [Target(kind)] if kind is not None else []
        if patch in ("object", "multiple") and args:
            base = self.state_object(args[0])
            if base is None:
                return []
            if patch == "multiple":
                return [attribute_target(base, k.arg) for k in call.keywords if k.arg]
            return [attribute_target(base, _key(args[1]) if len(args) > 1 else None)]
        if patch == "patch" and args:
            dotted = _literal(args[0])
            if dotted and "." in dotted:
                base, _, name = dotted.rpartition(".")
                return [attribute_target(base, name)]
            return []
        if not isinstance(func, ast.Attribute) or func.attr not in MONKEYPATCH_METHODS:
            return []
        if self.body.qualified_name(func) in PROCESS_CALLS:
            return []
        method = func.attr
        if method in ("setenv", "delenv"):
            return [Target(ENVIRON, key=_key(args[0]) if args else None)]
        if method == "syspath_prepend":
            return [Target(SYS_PATH)]
        if method == "chdir":
            return [Target(CWD)]
        if method in ("setitem", "delitem") and args:
            kind = self.container(args[0])
            return [Target(kind, key=_key(args[1]) if len(args) > 1 else None)] if kind else []
        if method in ("setattr", "delattr") and args:
            dotted = _literal(args[0])
            if dotted is not None:
                base, _, name = dotted.rpartition(".")
                return [attribute_target(base, name)] if base else []
            base = self.state_object(args[0])
            if base is None:
                return []
            return [attribute_target(base, _key(args[1]) if len(args) > 1 else None)]
        return []


# -- helpers ------------------------------------------------------------------------
def _replaced_by(first: Target, target: Target) -> bool:
    """``mod.client = Mock()`` (or ``monkeypatch.setattr(mod, "client", Mock())``) then
    ``mod.client.timeout = 1``: the second writes to the object the first put in place."""
    if first.kind != ATTRIBUTE or first.key is None:
        return False
    owner = f"{first.base}.{first.key}"
    return target.base == owner or target.base.startswith(owner + ".")


def _undoes(restore: StateWrite, write: StateWrite) -> bool:
    """Whether ``restore`` puts back what ``write`` changed: it writes a value saved from
    that state, or removes exactly what was written (``clear()`` restores nothing)."""
    if restore is write:
        return False
    if restore.restores_saved:
        return restore.target.covers(write.target)
    if not restore.removal or restore.operation in ("clear", "popitem"):
        return False
    mine, theirs = restore.target, write.target
    if mine.kind != theirs.kind or mine.base != theirs.base:
        return False
    if mine.kind == SYS_PATH:  # remove(p) / pop(0) after insert(0, p): keys are the paths
        return mine.key is None or mine.key == theirs.key
    return mine.key is not None and mine.key == theirs.key


def _patch_kind(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    parts = name.split(".")
    if parts[-1] == "patch":
        return "patch"
    if len(parts) >= 2 and parts[-2] == "patch" and parts[-1] in ("dict", "object", "multiple"):
        return parts[-1]
    return None


def _with_statement(write: StateWrite, statement: Optional[ast.stmt]) -> StateWrite:
    if statement is None:
        return write
    return replace(write, statement=statement)


def _unpack(target: ast.expr) -> Iterator[ast.expr]:
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _unpack(element)
    elif isinstance(target, ast.Starred):
        yield from _unpack(target.value)
    else:
        yield target


_FRESH_CONSTRUCTORS = frozenset({"dict", "list", "set", "object", "SimpleNamespace", "types.SimpleNamespace", "defaultdict", "OrderedDict", "Counter"})


def _builds_fresh_object(value: ast.expr, classes: frozenset[str]) -> bool:
    """A module-level value that is a new object of the module's own: a literal or display,
    or a call of one of its classes or of a plain constructor."""
    if isinstance(value, (ast.Constant, ast.List, ast.Dict, ast.Set, ast.Tuple, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else (f"{getattr(func.value, 'id', '')}.{func.attr}" if isinstance(func, ast.Attribute) else "")
        return name in classes or name in _FRESH_CONSTRUCTORS or name.rsplit(".", 1)[-1] in _FRESH_CONSTRUCTORS
    return False


def _not_state(base: str, name: Optional[str]) -> bool:
    return (
        f"{base}.{name}" in RESET_BY_PYTEST
        or base in CONTEXT_LOCALS
        or any(base.startswith(local + ".") for local in CONTEXT_LOCALS)
    )


def _named_by(target: Target, keys: frozenset[str], objects: frozenset[str]) -> bool:
    """Whether a context manager given ``keys`` (strings, keyword names) and ``objects``
    manages ``target``: ``ensure_removed(pd.Series, "fake")``, ``option_context(
    "mode.copy_on_write", ...)``, ``override_settings(DEBUG=True)``."""
    key = target.key
    if key is not None and not key.startswith(_EXPRESSION):
        if key in keys or any(k.endswith("." + key) for k in keys):
            return True
    if target.kind != ATTRIBUTE:
        return False
    if target.base in objects:  # ensure_removed(pd.Series, "fake") manages pd.Series.fake only
        return not keys or key is None or key.startswith(_EXPRESSION)
    return _names_module(target, keys)


def _names_module(target: Target, names: Iterable[str]) -> bool:
    """``reset_modules("celery.backends.cache")`` is about ``celery.backends.cache._imp``."""
    base = target.base
    return any(base == name or base.startswith(name + ".") for name in names)


def _clears_variable(write: StateWrite) -> bool:
    """``del os.environ["APP_MARKER"]`` before each test: every test starts without it."""
    return write.target.kind == ENVIRON and write.removal and write.target.key is not None and write.operation != "popitem"


def _fresh_value(write: StateWrite) -> bool:
    if write.restores_saved:
        return True
    stmt = write.statement
    value = getattr(stmt, "value", None) if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
    if value is None:
        return False
    if isinstance(value, ast.Constant):
        return value.value is None
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.Tuple)):
        return not (value.keys if isinstance(value, ast.Dict) else value.elts)
    return isinstance(value, ast.Call)


def _narrowest(targets: list[Target]) -> list[Target]:
    """``os.environ.get("K")`` reads the key, not the whole mapping: drop a whole
    container that a keyed read of the same expression already names."""
    keyed = {(t.kind, t.base) for t in targets if t.key is not None}
    return list(dict.fromkeys(t for t in targets if t.key is not None or (t.kind, t.base) not in keyed or t.kind == ATTRIBUTE))


def _key(node: ast.AST) -> str:
    """A literal key as itself; any other as its source, marked as computed."""
    literal = _literal(node)
    return literal if literal is not None else _EXPRESSION + ast.unparse(node)


def _single_key(call: ast.Call) -> Optional[str]:
    """The one key ``update({"K": v})`` or ``update(K=v)`` writes, if it writes one."""
    if len(call.args) == 1 and not call.keywords and isinstance(call.args[0], ast.Dict) and len(call.args[0].keys) == 1:
        key = call.args[0].keys[0]
        return _literal(key) if key is not None else None
    if not call.args and len(call.keywords) == 1:
        return call.keywords[0].arg
    return None


def _often_absent(name: str) -> bool:
    """Dunder attributes (``__signature__``, ``__wrapped__``) are usually set where
    they did not exist; ``monkeypatch.setattr`` must then not insist that they do."""
    return name.startswith("__") and name.endswith("__")


def _new_in_stdlib(target: Target) -> bool:
    """Whether ``target`` is an attribute a standard-library module does not have in
    this interpreter (``sys.exc_clear``, gone since Python 3). Only modules the linter
    itself has already loaded are looked at: nothing is imported for this."""
    if target.kind != ATTRIBUTE or target.key is None or target.key.startswith(_EXPRESSION):
        return False
    root, *rest = target.base.split(".")
    stdlib = getattr(sys, "stdlib_module_names", frozenset({"sys", "os", "logging", "time", "socket", "json"}))
    if root not in stdlib or root not in sys.modules:
        return False
    obj: object = sys.modules[root]
    for part in rest:
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return not hasattr(obj, target.key)


def _literal_int(node: ast.AST) -> Optional[int]:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _literal(node: ast.AST) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _span_of(first: ast.AST, last: ast.AST) -> Span:
    line: int = getattr(first, "lineno", 0)
    column: int = getattr(first, "col_offset", 0)
    end_line: int = getattr(last, "end_lineno", None) or getattr(last, "lineno", 0) or 0
    end_column: int = getattr(last, "end_col_offset", None) or 0
    return (line, column, end_line, end_column)


def _inside(node: ast.AST, span: Span) -> bool:
    start = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
    return (span[0], span[1]) <= start and start < (span[2], span[3])


def _top_level(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from _top_level(stmt.body)
            yield from _top_level(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _top_level(stmt.body)
            for handler in stmt.handlers:
                yield from _top_level(handler.body)
            yield from _top_level(stmt.orelse)
            yield from _top_level(stmt.finalbody)
        else:
            yield stmt


# -- around a function: what its fixtures, class and module undo ---------------------------
# unittest runs these inside the test's call, after pytest set up the class's usefixtures
# fixtures (xunit ``setup_method`` runs as an autouse fixture, before them).
_RUN_WITH_THE_TEST = frozenset({"setUp", "asyncSetUp"})
_PLAIN_BASES = frozenset(
    {"object", "unittest.TestCase", "unittest.IsolatedAsyncioTestCase", "unittest.case.TestCase", "TestCase"}
)
_MAX_FIXTURE_DEPTH = 6


class Surroundings:
    """What undoes a function's writes from outside it: the fixtures it requests (and
    theirs, across the conftest.py hierarchy), autouse fixtures, pytest's own snapshotting
    fixtures, and the teardown methods, autouse fixtures and patching decorators of its
    class, the classes it inherits from in the same module, and its module."""

    def __init__(
        self,
        index: FixtureIndex,
        path: Path,
        facts: ModuleFacts,
        tree: ast.Module,
        body_of: Callable[[ast.AST], BodyIndex],
    ) -> None:
        self.index = index
        self.path = path
        self.facts = facts
        self.body_of = body_of
        self.initials = ProjectInitials(index, path)
        self.module = ModuleState.of(tree, facts.resolver)
        self.module.project_initial = self.initials.initial
        from .process_state_calls import CallSummaries  # it builds on this module

        self.module.call_effects = CallSummaries(index, path, self.module, facts.resolver).effect
        self.tree = tree
        self.analyser = FunctionAnalyser(self.module)
        self._elsewhere: Optional[tuple[set[str], set[str]]] = None
        self.classes = {c.name: c for c in facts.classes}
        self._states: dict[int, FunctionState] = {}
        self._foreign: dict[int, tuple[ast.AST, FunctionState]] = {}
        self._autouse: dict[Optional[str], list[tuple[Optional[int], Target]]] = {}
        """Per class: what autouse fixtures undo, with the fixture that resets it."""
        self._callers: Optional[dict[str, list[FunctionNode]]] = None
        self._reachable: Optional[set[int]] = None
        self._on: Optional[dict[Target, list[FunctionNode]]] = None

    def state(self, node: FunctionNode, include_globals: bool = False) -> FunctionState:
        found = self._states.get(id(node))
        if found is None:
            found = self.analyser.analyse(node, self.body_of(node), include_globals)
            self._states[id(node)] = found
        return found

    # -- classes ----------------------------------------------------------------------
    def class_chain(self, class_name: Optional[str]) -> Optional[list[ClassFacts]]:
        """The class and the classes it inherits from in this module, or ``None`` when it
        inherits from a class defined elsewhere (whose teardown cannot be seen)."""
        if class_name is None:
            return []
        chain: list[ClassFacts] = []
        pending = [class_name]
        while pending:
            name = pending.pop()
            klass = self.classes.get(name)
            if klass is None or klass.node is None or any(c is klass for c in chain):
                return None if klass is None else chain
            chain.append(klass)
            for base in klass.node.bases:
                if isinstance(base, ast.Name) and base.id in self.classes:
                    pending.append(base.id)
                elif (self.facts.resolver.qualified_name(base) or self.facts.resolver.local_name(base)) not in _PLAIN_BASES:
                    return None
        return chain

    def helpers(self, skip: Iterable[int]) -> Iterator[tuple[FunctionNode, Optional[str]]]:
        """Functions of the module that are neither tests nor fixtures (``skip``) nor
        import-time setup, pytest hooks or cleanup helpers; methods of its classes.
        Whether something calls them is :meth:`is_called` (asked only about leaks)."""
        skipped = set(skip)
        not_helpers = self.module.called_at_import | self.analyser.finalizers
        for node, class_name in [(n, None) for n in self.module.functions.values()] + self._methods():
            if id(node) in skipped or node.name in not_helpers or _cleanup_name(node.name):
                continue
            if not node.name.startswith("pytest_"):
                yield node, class_name

    def is_called(self, node: FunctionNode, class_name: Optional[str]) -> bool:
        """Whether pytest/unittest call this helper (setup, teardown, dunders, unittest
        tests), or code they run calls it: a test, a fixture, or a helper that is
        called in turn. What only ``if __name__ == "__main__":`` or a pytest hook
        reaches never runs between tests."""
        handed, unused = self._not_run_here()
        if class_name is None and node.name in handed:
            return False  # runs in another process: a pool's initializer, a Process target
        if class_name is not None and class_name in unused:
            return False  # a helper class nothing uses: its methods never run
        if _called_by_runner(node.name, class_name):
            return True
        return id(node) in self._reachable_helpers()

    def _not_run_here(self) -> tuple[set[str], set[str]]:
        """Module functions only handed to other processes, and helper classes the
        module never mentions. One walk of the module, on the first leak of a helper."""
        if self._elsewhere is None:
            from .process_state_calls import handed_to_processes, unused_classes

            whole = self.body_of(self.tree)
            owners = {t.class_name for t in self.facts.tests} | {f.class_name for f in self.facts.fixtures}
            helpers = [
                c.name
                for c in self.facts.classes
                if not c.is_test_class and c.name not in owners and c.node is not None and _plain_class(c.node)
            ]
            self._elsewhere = (
                handed_to_processes(self.tree, whole, list(self.module.functions)),
                unused_classes(self.tree, whole, helpers),
            )
        return self._elsewhere

    def never_runs(self, node: FunctionNode, who: str, write: StateWrite) -> bool:
        """Whether ``write`` sits in a branch for Windows of a test, or of a helper only
        tests reach, that is skipped on Windows."""
        from .process_state_calls import skipped_on_windows, windows_branches

        body = self.body_of(node)
        if not body.of(ast.If) or not any(_inside(write.node, (*a, *b)) for a, b in windows_branches(body)):
            return False
        resolver = self.facts.resolver
        if skipped_on_windows(self.facts.pytestmark, resolver):
            return True
        tests = {id(t.node): t for t in self.facts.tests if t.node is not None}
        if who == "test":
            test = tests.get(id(node))
            return test is not None and skipped_on_windows(test.marks, resolver)
        if who != "helper":
            return False
        callers = [c for c in self._references().get(node.name, ()) if c is not node]
        return bool(callers) and all(
            id(c) in tests and skipped_on_windows(tests[id(c)].marks, resolver) for c in callers
        )

    def harmless_attribute(self, node: FunctionNode, write: StateWrite, text: str, word_lines: Sequence[int]) -> bool:
        """Whether an unrestored write of an imported attribute cannot make another test
        fail, from what the project's own source (read, never imported) does with it:

        * the write runs in a thread of its own (a nested function handed to
          ``threading.Thread(target=...)``, directly or through a module helper) on a
          project object built as a ``threading.local``: it dies with the thread;
        * the project's class sets the same literal on itself, for good (a latch);
        * nothing reads the attribute: the project module or class it belongs to never
          names it, nor does any conftest.py above the test, and the test module (not a
          conftest.py, whose readers are the modules below it) names it only to write
          it (``Sanic._uvloop_setting = None`` after a rename);
        * the test switches off (``False``, ``None``) what other tests of the module
          switch on, and the value it starts with is not known: it undoes their leak,
          which is reported at their writes.
        """
        target = write.target
        key = target.key
        if target.kind != ATTRIBUTE or key is None or key.startswith(_EXPRESSION) or not target.base:
            return False
        if self.initials.thread_local(target.base) and self._in_thread(node, write):
            return True
        value = write.statement.value if isinstance(write.statement, ast.Assign) else None
        if value is not None and self.initials.latched(target.base, key, value):
            return True
        if not write.removal and not _often_absent(key) and self._never_read(target.base, key, text):
            return True
        if isinstance(value, ast.Constant) and (value.value is False or value.value is None):
            if self.initials.initial(target.base, key) is not None:
                return False  # the value it starts with is known: judged against that
            return any(other is not node for other in self._switched_on(word_lines).get(target, []))
        return False

    def _in_thread(self, node: FunctionNode, write: StateWrite) -> bool:
        """Whether ``write`` is in a nested function of ``node`` that is started as a
        thread: ``Thread(target=run)``, or ``run_thread(run)`` where module helper
        ``run_thread`` hands its parameter to ``Thread(target=...)``."""
        body = self.body_of(node)
        nested = [n for n in body.of(ast.FunctionDef) if n is not node and _inside(write.node, _span_of(n, n))]
        if not nested:
            return False
        names = {n.name for n in nested}
        for call in body.of(ast.Call):
            if _thread_target(call, body.qualified_name(call.func)) in names:
                return True
            func = call.func
            helper = self.module.functions.get(func.id) if isinstance(func, ast.Name) else None
            if helper is not None and any(isinstance(a, ast.Name) and a.id in names for a in call.args):
                params = {a.arg for a in helper.args.args}
                helper_body = self.body_of(helper)
                if any(_thread_target(c, helper_body.qualified_name(c.func)) in params for c in helper_body.of(ast.Call)):
                    return True
        return False

    def _never_read(self, base: str, key: str, text: str) -> bool:
        if self.path.name == "conftest.py":
            return False  # what a conftest.py sets is there for the test modules below it
        if self.initials.mentions(base, key) is not False:
            return False
        pattern = re.compile(r"(?<![\w.])" + re.escape(key) + r"(?!\w)|\." + re.escape(key) + r"(?!\w)(?!\s*=[^=])")
        if pattern.search(text):
            return False  # named in the test module other than as ``obj.key = ...``
        for conftest in self.index.conftest_paths(self.path.parent):
            parsed = self.index.modules.get(conftest)
            if conftest != self.path and (not isinstance(parsed, ParsedModule) or names_word(parsed.source.text, key)):
                return False
        return True

    def _switched_on(self, word_lines: Sequence[int]) -> dict[Target, list[FunctionNode]]:
        """Attributes the module's tests and fixtures set to a literal other than
        ``False``/``None``, by assignment or ``monkeypatch.setattr``: target -> the
        functions. Built once."""
        if self._on is None:
            found: dict[Target, list[FunctionNode]] = {}
            nodes = [t.node for t in self.facts.tests if t.node is not None]
            nodes += [f.node for f in self.facts.fixtures if f.node is not None]
            for function in dict.fromkeys(nodes):
                if not may_write(function, word_lines):
                    continue
                targets: list[Target] = []
                for other in self.state(function).writes:
                    assigned = other.statement.value if isinstance(other.statement, ast.Assign) else None
                    if _switch_on(assigned):
                        targets.append(other.target)
                body = self.body_of(function)
                scope = _Scope(function, body, self.module)
                for call in scope.calls(frozenset({"setattr"})):
                    if isinstance(call.func, ast.Attribute) and len(call.args) == 3 and _switch_on(call.args[2]):
                        targets.extend(scope.guarded_by(call))
                for target in dict.fromkeys(targets):
                    found.setdefault(target, []).append(function)
            self._on = found
        return self._on

    def resets_each_test(self, node: FunctionNode, who: str, class_name: Optional[str]) -> list[StateWrite]:
        """The writes of ``node`` that reset an attribute before every test: ``node``
        is a function-scoped autouse fixture or a per-test setup function."""
        per_test = who in ("helper", "method") and node.name in PER_TEST_SETUP
        if not per_test and who == "fixture":
            per_test = any(f.node is node and f.autouse for f in self.facts.fixtures)
        return self.state(node).reset_writes() if per_test else []

    def _reachable_helpers(self) -> set[int]:
        """Helpers reached from the tests, fixtures and runner-called methods through
        the names their bodies mention. Built once, linear in the references."""
        if self._reachable is None:
            by_name: dict[str, list[FunctionNode]] = {}
            for helper in list(self.module.functions.values()) + [n for n, _ in self._methods()]:
                by_name.setdefault(helper.name, []).append(helper)
            roots: list[FunctionNode] = [t.node for t in self.facts.tests if t.node is not None]
            roots += [f.node for f in self.facts.fixtures if f.node is not None]
            roots += [n for n, klass in self._methods() if _called_by_runner(n.name, klass)]
            roots += [n for n in self.module.functions.values() if _called_by_runner(n.name, None)]
            mentions = self._mentions()
            reached: set[int] = set()
            pending = list(roots)
            while pending:
                function = pending.pop()
                for name in mentions.get(id(function), ()):
                    for helper in by_name.get(name, ()):
                        if id(helper) not in reached and helper is not function:
                            reached.add(id(helper))
                            pending.append(helper)
            self._reachable = reached
        return self._reachable

    def _mentions(self) -> dict[int, set[str]]:
        """Function id -> the names it mentions (inverse of :meth:`_references`)."""
        found: dict[int, set[str]] = {}
        for name, functions in self._references().items():
            for function in functions:
                found.setdefault(id(function), set()).add(name)
        return found

    def _methods(self) -> list[tuple[FunctionNode, Optional[str]]]:
        return [
            (stmt, klass.name)
            for klass in self.facts.classes
            if klass.node is not None
            for stmt in klass.node.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]

    def _references(self) -> dict[str, list[FunctionNode]]:
        """Names (and attribute names) -> the functions of the module that mention them,
        pytest hooks left out (what only they call is session setup). Built once."""
        if self._callers is None:
            callers: dict[str, list[FunctionNode]] = {}
            everything: list[FunctionNode] = list(self.module.functions.values()) + [n for n, _ in self._methods()]
            everything += [t.node for t in self.facts.tests if t.node is not None]
            everything += [f.node for f in self.facts.fixtures if f.node is not None]
            seen: set[int] = set()
            for node in everything:
                if id(node) in seen or node.name.startswith("pytest_"):
                    continue
                seen.add(id(node))
                body = self.body_of(node)
                for name in {n.id for n in body.of(ast.Name)} | {a.attr for a in body.of(ast.Attribute)}:
                    callers.setdefault(name, []).append(node)
            self._callers = callers
        return self._callers

    def callers_restore(self, name: str) -> list[Target]:
        """What the functions calling helper ``name`` restore or patch (after
        :meth:`helpers` has looked at the module): a helper called from code that undoes
        its writes is fine there."""
        found: list[Target] = []
        for caller in self._references().get(name, ()):
            if caller.name != name:
                state = self.state(caller)
                found.extend(state.restores)
                found.extend(target for target, _ in state.guards)
        return found

    # -- undoers ----------------------------------------------------------------------
    def undoers(
        self, class_name: Optional[str], requested: Sequence[str], with_fixtures: bool, node: Optional[ast.AST] = None
    ) -> list[Target]:
        """Targets something outside the function ``node`` restores for it (an autouse
        fixture's own writes are no reset of themselves)."""
        chain = self.class_chain(class_name) or []
        found = [target for owner, target in self._autouse_restores(class_name) if owner is None or owner != id(node)]
        scopes: list[Iterable[ast.stmt]] = [self.module.functions.values()]
        names = list(requested) + list(self.facts.pytestmark_usefixtures)
        for klass in chain:
            assert klass.node is not None
            scopes.append(klass.node.body)
            found.extend(class_guards(klass.node, self.facts.resolver, self.module))
            names.extend(klass.usefixtures)
            if klass.name != class_name:  # inherited autouse fixtures
                for fixture in self.facts.fixtures:
                    if fixture.autouse and fixture.class_name == klass.name and fixture.node is not None:
                        found.extend(self.state(fixture.node).provided_restores())
        for functions in scopes:
            for function in functions:
                if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                if class_name is not None and function.name in ("setup_function", "teardown_function"):
                    continue  # pytest runs those around module-level test functions only
                if function.name in TEARDOWN_FUNCTIONS:
                    found.extend(self.state(function).restores)
                elif function.name in SETUP_FUNCTIONS:  # a patcher started before each test
                    found.extend(target for target, _ in self.state(function).guards)
                    if function.name in PER_TEST_SETUP:
                        found.extend(self.state(function).resets())
        if not with_fixtures and class_name is not None and getattr(node, "name", None) in _RUN_WITH_THE_TEST:
            with_fixtures = True  # the class's usefixtures fixtures are active
        if with_fixtures:
            seen: set[str] = set()
            for name in names:
                found.extend(self._fixture_restores(name, self.path, self.facts, class_name, seen, 0))
        return found

    def _autouse_restores(self, class_name: Optional[str]) -> list[tuple[Optional[int], Target]]:
        cached = self._autouse.get(class_name)
        if cached is None:
            cached = []
            for layer in self.index.layers(self.path, self.facts, class_name):
                for fixture in layer.facts.fixtures:
                    if fixture.autouse and fixture.class_name == layer.class_name and fixture.node is not None:
                        state = self._state_in(fixture.node, layer.path, layer.facts)
                        cached.extend((None, target) for target in state.provided_restores())
                        if fixture.scope in (None, "function"):  # resets what the test changes
                            cached.extend((id(fixture.node), target) for target in state.resets())
            self._autouse[class_name] = cached
        return cached

    def _fixture_restores(
        self, name: str, path: Path, facts: ModuleFacts, class_name: Optional[str], seen: set[str], depth: int
    ) -> list[Target]:
        if name in seen or depth > _MAX_FIXTURE_DEPTH:
            return []
        seen.add(name)
        definition = self.index.resolve(name, path, facts, class_name)
        if definition is None or definition.fixture is None:
            return [Target(kind) for kind in RESTORING_FIXTURES.get(name, ())]
        fixture = definition.fixture
        if fixture.node is None or definition.path is None:
            return []
        owner = facts if definition.path == path else self.index.modules.facts(definition.path)
        if owner is None:
            return []
        found = list(self._state_in(fixture.node, definition.path, owner).provided_restores())
        for sub in fixture.requested:
            if sub == name:  # an override extending what it overrides: follow that one
                found.extend(self._overridden_restores(fixture, definition.path, owner, depth + 1))
            else:
                found.extend(self._fixture_restores(sub, definition.path, owner, fixture.class_name, seen, depth + 1))
        return found

    def _overridden_restores(self, fixture: FixtureDef, path: Path, facts: ModuleFacts, depth: int) -> list[Target]:
        hidden = self.index.shadowed_by(fixture, path, facts)
        if hidden is None or hidden.fixture is None or hidden.path is None or hidden.fixture.node is None:
            return [Target(kind) for kind in RESTORING_FIXTURES.get(fixture.name, ())]
        if depth > _MAX_FIXTURE_DEPTH:
            return []
        owner = facts if hidden.path == path else self.index.modules.facts(hidden.path)
        if owner is None:
            return []
        found = list(self._state_in(hidden.fixture.node, hidden.path, owner).provided_restores())
        if fixture.name in hidden.fixture.requested:
            found.extend(self._overridden_restores(hidden.fixture, hidden.path, owner, depth + 1))
        return found

    def _state_in(self, node: FunctionNode, path: Path, facts: ModuleFacts) -> FunctionState:
        """The state of a function that may live in another module (a conftest.py)."""
        if path == self.path:
            return self.state(node)
        cached = self._foreign.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        parsed = self.index.modules.get(path)
        tree = getattr(parsed, "tree", None)
        module = ModuleState.of(tree, facts.resolver) if isinstance(tree, ast.Module) else self.module
        module.project_initial = self.initials.initial
        found = FunctionAnalyser(module).analyse(node, BodyIndex(node, facts.resolver))
        self._foreign[id(node)] = (node, found)
        return found


def _switch_on(value: Optional[ast.expr]) -> bool:
    """A literal that switches something on: neither ``False`` nor ``None``."""
    return isinstance(value, ast.Constant) and value.value is not False and value.value is not None


def _thread_target(call: ast.Call, qualified: Optional[str]) -> Optional[str]:
    """The name given as ``target=`` to ``threading.Thread(...)``, if it is a name."""
    if qualified not in ("threading.Thread", "threading.Timer"):
        return None
    for keyword in call.keywords:
        if keyword.arg in ("target", "function") and isinstance(keyword.value, ast.Name):
            return keyword.value.id
    return None


def forked_marks(test: TestDef, facts: ModuleFacts) -> bool:
    """Whether a mark runs ``test`` in a child process (``@pytest.mark.forked``), on the
    test, its class or the module."""
    marks = list(test.marks) + list(facts.pytestmark)
    if test.class_name is not None:
        marks.extend(m for c in facts.classes if c.name == test.class_name for m in c.marks)
    return any(mark.name in FORKING_MARKS for mark in marks)


def _plain_class(node: ast.ClassDef) -> bool:
    """A top-level class of its own (no base but ``object``, no metaclass, no
    decorator): only code that names it can make it run."""
    bases_plain = all(isinstance(b, ast.Name) and b.id == "object" for b in node.bases)
    return bases_plain and not node.keywords and not node.decorator_list


def _called_by_runner(name: str, class_name: Optional[str]) -> bool:
    return (
        name in SETUP_FUNCTIONS
        or name in TEARDOWN_FUNCTIONS
        or (name.startswith("__") and name.endswith("__"))
        or (class_name is not None and name.startswith("test"))
    )


def _cleanup_name(name: str) -> bool:
    """Helpers named for undoing something (``restore_env``, ``reset_settings``) are
    teardown code, whoever calls them."""
    return name.lower().lstrip("_").startswith(_CLEANUP_PREFIXES)


_CLEANUP_PREFIXES = ("restore", "reset", "clean", "teardown", "undo", "revert", "unset", "unpatch", "finali")
