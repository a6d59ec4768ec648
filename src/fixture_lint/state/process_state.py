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
for the test (:mod:`fixture_lint.state.surroundings`); the rule module decides which
functions to judge and how to report.
"""
from __future__ import annotations

import ast
import bisect
import itertools
import sys
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence, Union

from ..model.bodies import BodyIndex
from ..model.names import NameResolver
from .process_state_restores import is_literal, same_value

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
    MONKEYPATCH_METHODS,
    MUTATING_METHODS,
    PROCESS_CALLS,
    REMOVING_METHODS,
    RESET_BY_PYTEST,
    RESTORING_CALLS,
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

def state_word_hits(text: str) -> dict[str, list[int]]:
    """Where each word of STATE_WORDS occurs in ``text`` (offsets), keyed by the word or
    by the stem that finds it (``env`` for ``environ``, ``putenv`` and ``unsetenv``;
    ``attr`` for ``setattr`` and ``delattr``): one search per key. Shared by the rules'
    gate (is process state named at all?) and :func:`state_word_lines`."""
    hits: dict[str, list[int]] = {}
    for word in STATE_WORDS:
        stem = _STEMS.get(word)
        key = word if stem is None else stem
        if key in hits:
            continue
        positions = hits[key] = []
        if stem is None:
            _find_all(text, word, positions)
        else:
            _find_stem(text, stem, positions)
    return hits


def state_word_lines(
    text: str,
    lines: Sequence[str],
    resolver: NameResolver,
    aliases: Iterable[str] = (),
    hits: Optional[dict[str, list[int]]] = None,
) -> list[int]:
    """Sorted line numbers (1-based) holding a word that names process state (or a
    module-level alias of it: ``ENV = os.environ``). ``hits``: the module's
    :func:`state_word_hits`, when already found."""
    words = [alias for alias in aliases if alias not in STATE_WORDS]
    for local, qualified in resolver._bindings.items():
        if qualified.startswith(STATE_ROOTS) and local not in words and local not in STATE_WORDS:
            words.append(local)
    positions = [at for found in (hits if hits is not None else state_word_hits(text)).values() for at in found]
    for word in words:
        _find_all(text, word, positions)
    if not positions:
        return []
    positions.sort()
    if "\r" in text:  # CR or CRLF line ends: count lines as ``lines`` holds them
        starts = list(itertools.accumulate(map(len, lines), initial=0))
        return sorted({bisect.bisect_right(starts, at) for at in positions})
    found: list[int] = []
    line, previous = 1, 0
    for at in positions:
        line += text.count("\n", previous, at)
        previous = at
        if not found or found[-1] != line:
            found.append(line)
    return found


# Words of STATE_WORDS found through a shorter stem they share, one search per stem:
# the stem, then the word around each hit (``putenv`` and ``unsetenv`` are rare, ``attr``
# hits are few beside the cost of another pass over the text).
_STEM_WORDS = {"env": ("environ", "putenv", "unsetenv"), "attr": ("setattr", "delattr")}
_STEMS = {word: stem for stem, members in _STEM_WORDS.items() for word in members}


def _find_all(text: str, word: str, positions: list[int]) -> None:
    at = text.find(word)
    while at >= 0:
        positions.append(at)
        at = text.find(word, at + 1)


def _find_stem(text: str, stem: str, positions: list[int]) -> None:
    members = _STEM_WORDS[stem]
    at = text.find(stem)
    while at >= 0:
        for word in members:
            start = at - word.index(stem)
            if start >= 0 and text.startswith(word, start):
                positions.append(start)
                break
        at = text.find(stem, at + 1)


def names_state(node: FunctionNode, word_lines: Sequence[int]) -> bool:
    """Whether a line of ``node`` names process state: without one it cannot change the
    environment, ``sys.path``, ``sys.modules`` or the working directory."""
    first = bisect.bisect_left(word_lines, node.lineno)
    return first < len(word_lines) and word_lines[first] <= (node.end_lineno or node.lineno)


def may_write(node: FunctionNode, word_lines: Sequence[int]) -> bool:
    """Whether ``node`` can write process state at all (a superset of what is judged):
    it names process state, declares a ``global``, or stores to or deletes an attribute
    or item whose root name is not one of its own (a parameter, or a name it assigns:
    ``self.x = 1``, ``del data["k"]`` change its own objects, and the analysis would not
    take them for state either; ``del name`` unbinds a local)."""
    if names_state(node, word_lines):
        return True
    args = node.args
    own = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    own.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    roots: list[str] = []
    name_type, assign, aug, ann = ast.Name, ast.Assign, ast.AugAssign, ast.AnnAssign
    pending: list[ast.stmt] = list(node.body)
    pop, extend = pending.pop, pending.extend
    while pending:
        stmt = pop()
        kind = type(stmt)
        if kind is assign:
            for target in stmt.targets:  # type: ignore[attr-defined]
                if type(target) is name_type:
                    own.add(target.id)
                else:
                    _store_roots(target, own, roots)
            continue  # an assignment holds no statements
        if kind is aug or kind is ann:
            _store_roots(stmt.target, own, roots)  # type: ignore[attr-defined]
            continue
        if kind is ast.Expr or kind is ast.Return or kind is ast.Assert or kind is ast.Pass:
            continue
        if kind is ast.Global:
            return True
        if kind is ast.Delete:  # as a store: ``del data["k"]`` changes its own object
            for target in stmt.targets:  # type: ignore[attr-defined]
                if type(target) is not name_type:  # ``del name`` unbinds a local
                    _store_roots(target, own, roots)
            continue
        if kind is ast.For or kind is ast.AsyncFor:
            _store_roots(stmt.target, own, roots)  # type: ignore[attr-defined]
        elif kind is ast.With or kind is ast.AsyncWith:
            for item in stmt.items:  # type: ignore[attr-defined]
                if item.optional_vars is not None:
                    _store_roots(item.optional_vars, own, roots)
        for field_name in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(stmt, field_name, None)
            if block:
                extend(block)
    return any(root not in own for root in roots)


def _store_roots(target: ast.expr, own: set[str], roots: list[str]) -> None:
    """Note the root names of the attributes and items ``target`` stores to (``roots``)
    and the plain names it binds (``own``)."""
    kind = type(target)
    if kind is ast.Name:
        own.add(target.id)  # type: ignore[attr-defined]
    elif kind is ast.Tuple or kind is ast.List:
        for element in target.elts:  # type: ignore[attr-defined]
            _store_roots(element, own, roots)
    elif kind is ast.Starred:
        _store_roots(target.value, own, roots)  # type: ignore[attr-defined]
    else:
        root = target
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            root = root.value
        roots.append(root.id if isinstance(root, ast.Name) else "")  # "": computed, never own


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
