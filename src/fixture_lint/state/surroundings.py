"""Around a function: what its fixtures, its class, its module and the conftest.py files
above it guard and undo for the process state it writes (:class:`Surroundings`), and
whether the suite's runner forks each test (:func:`forked_marks`).

:mod:`fixture_lint.state.process_state` finds the writes and what undoes them inside one
function; this module adds what the function's surroundings undo.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ..knowledge.process_state import ATTRIBUTE, RESTORING_FIXTURES
from ..model.bodies import BodyIndex
from ..model.facts import ClassFacts, FixtureDef, ModuleFacts, TestDef
from ..model.hierarchy import FixtureIndex
from ..model.loader import ParsedModule
from .process_state import (
    _EXPRESSION,
    PER_TEST_SETUP,
    SETUP_FUNCTIONS,
    TEARDOWN_FUNCTIONS,
    FunctionAnalyser,
    FunctionNode,
    FunctionState,
    ModuleState,
    StateWrite,
    Target,
    _inside,
    _often_absent,
    _Scope,
    _span_of,
    class_guards,
    may_write,
)
from .process_state_restores import FORKING_MARKS, ProjectInitials, names_word


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
