"""Process state changed by standard-library calls (FXL306), and the search for what
undoes a change, shared with files left on disk (FXL307).

What counts as teardown code (after ``yield``, ``finally``, finalizers) and which
fixtures, autouse fixtures and patchers surround a function comes from
:mod:`.process_state` (:class:`Surroundings`); this module adds the events these two
rules look for: setter calls and their undo calls, file writes and their removals.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Generic, Iterator, Optional, Sequence, TypeVar

from ..knowledge.process_state import ATTRIBUTE, FINALIZER_METHODS
from ..knowledge.stdlib_state import (
    CLOSED_DEFAULT_LOOP,
    CURRENT_VALUE,
    DEFAULT_LOOP_GETTERS,
    FORCE_KEYWORD,
    LOGGER_FACTORIES,
    LOGGER_SETTERS,
    PRIVATE_LOGGER_ROOTS,
    RESET_BY_PYTEST,
    RESET_BY_NONE,
    RESET_VALUES,
    RESTORING_CONTEXTS,
    RESTORING_FIXTURES,
    ROOT_LOGGERS,
    SETTERS,
    Setter,
)
from ..model.bodies import BodyIndex
from ..model.facts import FunctionNode, ModuleFacts
from ..model.hierarchy import Definition
from ..model.names import NameResolver
from .process_state import (
    TEARDOWN_FUNCTIONS,
    FunctionState,
    Position,
    Span,
    _inside,
    _Scope,
)
from .surroundings import Surroundings
from .summaries import Callee, ModuleRef, ProjectFunctions, ProjectQuestion

EventT = TypeVar("EventT")
Events = Callable[[BodyIndex, dict[str, str]], list[tuple[Position, EventT]]]
"""Finds the events of one function body, given the module's logger names."""

_MAX_FIXTURE_DEPTH = 6


def position(node: ast.AST) -> Position:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


class Afterwards(Generic[EventT]):
    """The events that run after a point of a function, or around it from outside:
    later in its body (and in the module helpers it calls there), in nested functions
    (finalizers, callbacks), in the teardown of the fixtures it requests and of
    autouse fixtures, and in the xunit teardown functions of its class and module."""

    def __init__(self, around: Surroundings, facts: ModuleFacts, events: Events[EventT]) -> None:
        self.around = around
        self.facts = facts
        self.events = events
        self.loggers = module_loggers(around.tree, facts.resolver)
        self._own: dict[int, list[tuple[Position, EventT]]] = {}
        self._teardowns: dict[int, list[EventT]] = {}

    def of(self, node: FunctionNode, body: BodyIndex) -> list[tuple[Position, EventT]]:
        found = self._own.get(id(node))
        if found is None:
            found = self.events(body, self.loggers)
            self._own[id(node)] = found
        return found

    def after(self, node: FunctionNode, at: Position) -> Iterator[EventT]:
        """Events of ``node`` that run after ``at``: later ones, those in nested
        functions, those of module helpers called later or handed to a finalizer."""
        body = self.around.body_of(node)
        nested = _Scope(node, body, self.around.module).nested
        for where, event in self.of(node, body):
            if where > at or any(_inside_position(where, span) for span in nested):
                yield event
        for call in body.of(ast.Call):
            helper = _helper(call, self.around.module.functions)
            if helper is not None and helper is not node and (position(call) > at or _is_finalizer(call)):
                for _, event in self.of(helper, self.around.body_of(helper)):
                    yield event

    def outside(
        self, node: FunctionNode, class_name: Optional[str], requested: Sequence[str], with_fixtures: bool
    ) -> Iterator[EventT]:
        """Events of the teardown around ``node``: its fixtures', autouse fixtures',
        and the xunit teardown functions of its class chain and module."""
        around = self.around
        chain = around.class_chain(class_name) or []
        functions: list[ast.stmt] = list(around.module.functions.values())
        for klass in chain:
            assert klass.node is not None
            functions.extend(klass.node.body)
        for function in functions:
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name in TEARDOWN_FUNCTIONS:
                yield from (event for _, event in self.of(function, around.body_of(function)))
        for layer in around.index.layers(around.path, self.facts, class_name):
            for fixture in layer.facts.fixtures:
                if fixture.autouse and fixture.class_name == layer.class_name and fixture.node is not None:
                    if fixture.node is not node:
                        yield from self.teardown(fixture.node, layer.path, layer.facts)
        if not with_fixtures:
            return
        names = list(requested) + list(self.facts.pytestmark_usefixtures)
        for klass in chain:
            names.extend(klass.usefixtures)
        seen: set[str] = set()
        pending = [(name, around.path, self.facts, class_name, 0) for name in names]
        while pending:
            name, path, facts, klass_name, depth = pending.pop()
            if name in seen or depth > _MAX_FIXTURE_DEPTH:
                continue
            seen.add(name)
            definition = around.index.resolve(name, path, facts, klass_name)
            if definition is None or definition.fixture is None or definition.path is None:
                continue
            fixture = definition.fixture
            owner = facts if definition.path == path else around.index.modules.facts(definition.path)
            if fixture.node is None or owner is None:
                continue
            yield from self.teardown(fixture.node, definition.path, owner)
            pending.extend((sub, definition.path, owner, fixture.class_name, depth + 1) for sub in fixture.requested if sub != name)

    def teardown(self, node: FunctionNode, path: Path, facts: ModuleFacts) -> list[EventT]:
        """The events in a fixture's teardown code (after ``yield``, ``finally``,
        finalizers), found with FXL301's own notion of teardown regions."""
        found = self._teardowns.get(id(node))
        if found is None:
            local = path == self.around.path
            body = self.around.body_of(node) if local else BodyIndex(node, facts.resolver)
            scope = _Scope(node, body, self.around.module)
            regions = teardown_regions(self.around, node, body)
            regions.extend(scope.nested)
            loggers = self.loggers if local else {}
            found = [e for where, e in self.events(body, loggers) if any(_inside_position(where, r) for r in regions)]
            for call in body.of(ast.Call):
                helper = _helper(call, self.around.module.functions) if local else None
                if helper is not None and helper is not node and any(_inside(call, r) for r in regions):
                    found.extend(e for _, e in self.of(helper, self.around.body_of(helper)))
            self._teardowns[id(node)] = found
        return found


def teardown_regions(around: Surroundings, node: FunctionNode, body: BodyIndex) -> list[Span]:
    """Where ``node``'s teardown code is (after ``yield``, ``finally``, finalizers)."""
    return around.analyser._teardown_regions(_Scope(node, body, around.module), FunctionState(node))


def _inside_position(where: Position, span: Span) -> bool:
    return (span[0], span[1]) <= where <= (span[2], span[3])


def _helper(call: ast.Call, functions: dict[str, FunctionNode]) -> Optional[FunctionNode]:
    """The module function ``call`` calls, or hands to a finalizer."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in functions:
        return functions[func.id]
    if _is_finalizer(call) and isinstance(call.args[0], ast.Name) and call.args[0].id in functions:
        return functions[call.args[0].id]
    return None


def _is_finalizer(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr in FINALIZER_METHODS and bool(call.args)


# -- setters and their undo calls ----------------------------------------------------
@dataclass(frozen=True)
class SetterCall:
    """One call that changes process state."""

    node: ast.Call
    name: str
    """What is called: ``logging.disable``, ``logger.setLevel``, ``asyncio.get_event_loop().close``."""
    setter: Setter
    key: Optional[str]
    """The slot it changes (a signal, a locale category, a logger), when keyed."""
    via: str = ""
    """The project function ``node`` calls that makes the change (``setup_logging``), if any."""


@dataclass(frozen=True)
class Undo:
    """A call that undoes (some) setter: its qualified name or ``Logger.<method>``, and
    the slot it puts back (``None``: any)."""

    name: str
    key: Optional[str]

    def undoes(self, change: SetterCall) -> bool:
        if self.name not in change.setter.undo:
            return False
        return not change.setter.keyed or self.key is None or change.key is None or self.key == change.key


def module_loggers(tree: ast.Module, resolver: NameResolver) -> dict[str, str]:
    """Module-level names bound to a logger (``log = logging.getLogger(__name__)``)."""
    found: dict[str, str] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            key = _logger_key(stmt.value, resolver.qualified_name, {})
            if key is not None:
                found[stmt.targets[0].id] = key
    return found


def _logger_key(node: ast.AST, qualified: Callable[[ast.AST], Optional[str]], names: dict[str, str]) -> Optional[str]:
    """Which process-wide logger ``node`` is (``"root"``, the name given to
    ``getLogger``), or ``None`` when it is not one."""
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    name = qualified(node)
    if name in ROOT_LOGGERS:
        return "root"
    if isinstance(node, ast.Call) and qualified(node.func) in LOGGER_FACTORIES:
        if not node.args or (isinstance(node.args[0], ast.Constant) and node.args[0].value in (None, "", "root")):
            return "root"
        return ast.unparse(node.args[0])
    return None


def _local_loggers(body: BodyIndex, loggers: dict[str, str]) -> dict[str, str]:
    names = dict(loggers)
    for stmt in body.of(ast.Assign):
        if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            key = _logger_key(stmt.value, body.qualified_name, loggers)
            if key is not None:
                names[stmt.targets[0].id] = key
    return names


def _changes_nothing_under_pytest(name: str, call: ast.Call, body: BodyIndex, names: dict[str, str]) -> bool:
    if name in RESET_BY_PYTEST:
        return True
    keyword = FORCE_KEYWORD.get(name)
    if keyword is None:
        return False
    value = next((k.value for k in call.keywords if k.arg == keyword), None)
    forced = value is not None and not (isinstance(value, ast.Constant) and not value.value)
    return not forced and not _root_handlers_removed_before(call, body, names)


def _root_handlers_removed_before(call: ast.Call, body: BodyIndex, names: dict[str, str]) -> bool:
    """Whether the function emptied the root logger's handlers before ``call``
    (``for h in logging.root.handlers[:]: logging.root.removeHandler(h)``,
    ``logging.root.handlers.clear()``, ``logging.root.handlers = []``): pytest's own
    handlers are gone, so a ``basicConfig()`` after it does install its handler (and level)."""
    at = position(call)
    for other in body.of(ast.Call):
        func = other.func
        if position(other) >= at or not isinstance(func, ast.Attribute):
            continue
        if func.attr == "removeHandler" and _logger_key(func.value, body.qualified_name, names) == "root":
            return True
        if func.attr == "clear" and isinstance(func.value, ast.Attribute) and func.value.attr == "handlers":
            if _logger_key(func.value.value, body.qualified_name, names) == "root":
                return True
    for stmt in body.of(ast.Assign):
        for target in stmt.targets:
            if position(stmt) < at and isinstance(target, ast.Attribute) and target.attr == "handlers":
                if _logger_key(target.value, body.qualified_name, names) == "root":
                    return True
    return False


def setter_calls(body: BodyIndex, loggers: dict[str, str]) -> list[SetterCall]:
    """The calls of ``body`` that change process state (those pytest undoes left out)."""
    found: list[SetterCall] = []
    names = _local_loggers(body, loggers)
    loop_names: dict[int, frozenset[str]] = {}
    for call in body.of(ast.Call):
        qualified = body.qualified_name(call.func)
        if qualified in SETTERS:
            setter = SETTERS[qualified]
            if len(call.args) + len(call.keywords) < setter.min_args or _changes_nothing_under_pytest(qualified, call, body, names):
                continue
            key = ast.unparse(call.args[0]) if setter.keyed and call.args else None
            if _sets_what_it_reads(qualified, call, key, body):
                continue
            found.append(SetterCall(call, qualified, setter, key))
            continue
        func = call.func
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr in LOGGER_SETTERS and call.args:
            logger = _logger_key(func.value, body.qualified_name, names)
            if logger is not None:
                shown = "the root logger" if logger == "root" else f"logger `getLogger({logger})`"
                found.append(SetterCall(call, f"{shown}.{func.attr}", LOGGER_SETTERS[func.attr], logger))
        elif func.attr == "close" and not call.args and _default_loop(func.value, body, loop_names):
            found.append(SetterCall(call, "asyncio.get_event_loop().close", CLOSED_DEFAULT_LOOP, None))
    return found


def _default_loop(node: ast.AST, body: BodyIndex, names: dict[int, frozenset[str]]) -> bool:
    """Whether ``node`` is the current loop: a default-loop getter's value, or a local
    name every binding of which is one (a parameter, a fixture, any other object is not).
    ``names`` memoises the loop names of ``body`` (found in one pass, on the first ask)."""
    if isinstance(node, ast.Call):
        return _loop_getter(node, body)
    if not isinstance(node, ast.Name):
        return False
    if id(body) not in names:
        names[id(body)] = _loop_names(body)
    return node.id in names[id(body)]


def _loop_names(body: BodyIndex) -> frozenset[str]:
    """The local names of ``body`` bound only (and at least once) to the current loop."""
    loops: set[str] = set()
    others: set[str] = {a.arg for a in body.of(ast.arg)}
    for stmt in body.of(ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                is_loop = isinstance(stmt.value, ast.Call) and _loop_getter(stmt.value, body)
                (loops if is_loop else others).add(target.id)
            else:  # bound by unpacking: who knows
                others.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    if not loops:
        return frozenset()
    bound: list[Optional[ast.expr]] = [n.target for n in body.of(ast.AnnAssign)]
    bound.extend(n.target for n in body.of(ast.NamedExpr))
    bound.extend(n.target for n in body.of(ast.For))
    bound.extend(n.optional_vars for n in body.of(ast.withitem))
    others.update(n.id for target in bound if target is not None for n in ast.walk(target) if isinstance(n, ast.Name))
    return frozenset(loops - others)


def _loop_getter(call: ast.Call, body: BodyIndex) -> bool:
    name = body.qualified_name(call.func)
    if name is None and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        inner = body.qualified_name(call.func.value.func)  # asyncio.get_event_loop_policy().get_event_loop()
        name = f"{inner}.{call.func.attr}" if inner is not None else None
    return name in DEFAULT_LOOP_GETTERS


_UNDO_NAMES = frozenset(name for s in [*SETTERS.values(), *LOGGER_SETTERS.values(), CLOSED_DEFAULT_LOOP] for name in s.undo)


def undo_calls(body: BodyIndex, loggers: dict[str, str]) -> list[tuple[Position, Undo]]:
    """The calls (and handler-list writes) of ``body`` that undo some setter."""
    found: list[tuple[Position, Undo]] = []
    names: Optional[dict[str, str]] = None
    for call in body.of(ast.Call):
        func = call.func
        args: Sequence[ast.expr] = call.args
        qualified = body.qualified_name(func)
        if _is_finalizer(call):  # request.addfinalizer(logging.disable, logging.NOTSET)
            callback: ast.expr = call.args[0]
            args = call.args[1:]
            if isinstance(callback, ast.Call) and body.qualified_name(callback.func) == "functools.partial" and callback.args:
                args = callback.args[1:]  # addfinalizer(partial(f, x))
                callback = callback.args[0]
            qualified = body.qualified_name(callback)
            if isinstance(callback, ast.Attribute) and callback.attr == "removeHandler":
                found.append((position(call), Undo("Logger.removeHandler", None)))
                continue
        if qualified in _UNDO_NAMES:
            found.append((position(call), Undo(qualified, ast.unparse(args[0]) if args else None)))
        elif isinstance(func, ast.Attribute) and func.attr in ("removeHandler", "setLevel"):
            if names is None:
                names = _local_loggers(body, loggers)
            logger = _logger_key(func.value, body.qualified_name, names)
            if func.attr == "removeHandler" or logger is not None or not isinstance(func.value, ast.Call):
                found.append((position(call), Undo(f"Logger.{func.attr}", logger)))
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and func.value.attr == "handlers":
            found.append((position(call), Undo("Logger.handlers", None)))  # logger.handlers.clear()
    blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
    for block in blocks:  # with loop_context(): ... : the exit undoes what ran inside
        for item in block.items:
            expr = item.context_expr
            undone = _restoring_context(body.qualified_name(expr.func)) if isinstance(expr, ast.Call) else None
            for name in sorted(undone or ()):
                found.append(((block.end_lineno or block.lineno, block.end_col_offset or 0), Undo(name, None)))
    assigns: list[ast.Assign | ast.AugAssign] = [*body.of(ast.Assign), *body.of(ast.AugAssign)]
    for node in assigns:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            inner = target.value if isinstance(target, ast.Subscript) else target
            if isinstance(inner, ast.Attribute) and inner.attr == "handlers":
                found.append((position(node), Undo("Logger.handlers", None)))
    return found


def _restoring_context(name: Optional[str]) -> Optional[frozenset[str]]:
    """What the exit of context manager ``name`` undoes. A relative import
    (``from .test_utils import loop_context``, inside the plugin's own package: the
    plugin's fixtures are analysed with the suite) matches the table by its tail."""
    if name is None:
        return None
    if not name.startswith("."):
        return RESTORING_CONTEXTS.get(name)
    tail = "." + name.lstrip(".")
    return next((undone for known, undone in RESTORING_CONTEXTS.items() if known.endswith(tail)), None)


def _sets_what_it_reads(name: str, call: ast.Call, key: Optional[str], body: BodyIndex) -> bool:
    """``signal.signal(S, signal.getsignal(S))``: the setter is given the current value of
    the very slot it sets (:data:`CURRENT_VALUE`), so nothing changes."""
    getter = CURRENT_VALUE.get(name)
    if getter is None or call.keywords or not call.args:
        return False
    value = call.args[-1]
    if not isinstance(value, ast.Call) or value.keywords or body.qualified_name(value.func) != getter:
        return False
    if key is None:
        return len(call.args) == 1 and not value.args
    return len(call.args) == 2 and len(value.args) == 1 and ast.unparse(value.args[0]) == key


def restores_earlier(change: SetterCall, earlier: Sequence[SetterCall]) -> bool:
    """Whether ``change`` is itself a restore: it puts back a starting value
    (``logging.disable(logging.NOTSET)``, ``socket.setdefaulttimeout(None)``) or undoes
    an earlier change of the same function (``locale.setlocale(locale.LC_ALL, old)``)."""
    call = change.node
    if call.args:
        value = ast.unparse(call.args[-1])
        if value in RESET_VALUES.get(change.name, ()) or (value == "None" and change.name in RESET_BY_NONE):
            return True
    undo = Undo(change.name, change.key) if not change.name.startswith(("logger ", "the root")) else None
    if undo is None:
        method = change.name.rpartition(".")[2]
        undo = Undo(f"Logger.{method}", change.key)
    return any(undo.undoes(e) and position(e.node) < position(call) for e in earlier)


def patched_setter(change: SetterCall, state: FunctionState, ambient: Sequence[object], called: Optional[str] = None) -> bool:
    """Whether ``change`` calls a monkeypatched or mocked function (``mock.patch("os.umask")``),
    or is made by a project function (qualified name ``called``) that is patched."""
    targets = [t for t, _ in state.guards] + [t for t in ambient if hasattr(t, "kind")]
    for name in (change.name, called) if called else (change.name,):
        base, _, attr = name.rpartition(".")
        for target in targets:
            if getattr(target, "kind", None) == ATTRIBUTE and getattr(target, "base", None) == base:
                if getattr(target, "key", None) in (None, attr):
                    return True
    return False


def private_logger(change: SetterCall, text: str) -> bool:
    """Whether ``change`` is made to a logger only this test names: a ``test.*`` name
    (:data:`PRIVATE_LOGGER_ROOTS`) that the module's source spells once."""
    if not change.name.startswith("logger ") or change.key is None or change.key[:1] not in "'\"":
        return False
    try:
        name = ast.literal_eval(change.key)
    except (ValueError, SyntaxError):
        return False
    if not isinstance(name, str) or name.split(".", 1)[0] not in PRIVATE_LOGGER_ROOTS:
        return False
    return text.count(name) == 1


def restoring_fixture(change: SetterCall, requested: Sequence[str], resolve: Callable[[str], Optional[Definition]]) -> bool:
    """Whether a requested plugin fixture installs and restores the state ``change`` sets."""
    for name in requested:
        definition = resolve(name)
        known = definition.known if definition is not None else None
        if known is not None and change.name in RESTORING_FIXTURES.get((known.provider, known.name), frozenset()):
            return True
    return False


# -- project functions that leave process state changed -------------------------------
Left = tuple[SetterCall, ...]


class ProjectSetters(ProjectQuestion[Left]):
    """Calls of the project's own functions that leave process state changed:
    ``def setup_logging(): root = logging.getLogger(); root.setLevel(DEBUG);
    root.addHandler(StreamHandler())``, called from a test, is that test's
    ``setLevel`` and ``addHandler``. Only the changes the function always makes count
    (:func:`_always_runs`), made by its own body (one call deep: a CLI ``main()`` that
    reaches a setter through layers of options is not followed), and not those it undoes
    itself (later in its body, in ``finally``, after its ``yield``) or that replace a
    logger's handlers it removed first."""

    kind = "stdlib-setters"

    def __init__(self, functions: ProjectFunctions, module: ModuleRef) -> None:
        super().__init__(SETTERS, functions, module, [name.rsplit(".", 1)[-1] for name in [*SETTERS, *LOGGER_SETTERS]])

    def _summarise(self, callee: Callee, depth: int) -> Optional[Left]:
        """The changes ``callee`` always leaves (one call deep: ``depth`` is not used)."""
        body = callee.body
        loggers = module_loggers_of(callee.module)
        changes = [c for c in setter_calls(body, loggers) if _always_runs(c.node, callee.node, body)]
        if not changes:
            return None
        undos = undo_calls(body, loggers)
        left = tuple(
            c
            for c in changes
            if not restores_earlier(c, changes)
            and not any(u.undoes(c) and where > position(c.node) for where, u in undos)
            and not _replaces_handlers(c, undos)
        )
        return left or None

    def calls(self, body: BodyIndex) -> list[SetterCall]:
        """The changes the project calls of ``body`` leave, each at its call."""
        if not self.names.lasts:
            return []
        found: list[SetterCall] = []
        for call in body.of(ast.Call):
            func = call.func
            last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if last not in self.names.lasts or body.in_expected_failure(call):
                continue  # inside `with pytest.raises(...)`: expected not to get that far
            summary = self.summaries.of_call(call, body, self.module)
            if summary is not None:
                callee, left = summary
                found.extend(SetterCall(call, c.name, c.setter, c.key, via=callee.name) for c in left)
        return found


def _always_runs(call: ast.Call, function: FunctionNode, body: BodyIndex) -> bool:
    """Whether ``call`` runs on every call of ``function`` that returns: it is a statement
    of the function's body, or of a ``try``/``with`` body there (not under ``if``, a
    loop, a handler or ``finally``, where it is conditional or a restore), and no
    ``return``/``raise`` comes before it. A summary says what a function always leaves,
    never what it may: ``web.main(argv)`` that exits on bad arguments changes nothing."""
    at = position(call)
    if any(position(node) < at for node in [*body.of(ast.Return), *body.of(ast.Raise)]):
        return False
    statements: list[ast.stmt] = list(function.body)
    while True:
        holder = next((s for s in statements if position(s) <= at <= (s.end_lineno or 0, s.end_col_offset or 0)), None)
        if holder is None:
            return False
        if isinstance(holder, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign)):
            return True
        if isinstance(holder, (ast.Try, ast.With, ast.AsyncWith)) and holder.body:
            inner = holder.body
            if not (position(inner[0]) <= at <= (inner[-1].end_lineno or 0, inner[-1].end_col_offset or 0)):
                return False
            statements = list(inner)
            continue
        return False


def _replaces_handlers(change: SetterCall, undos: Sequence[tuple[Position, Undo]]) -> bool:
    """An ``addHandler`` after the function removed that logger's handlers: a configure
    function that replaces the handlers on every call (sphinx's ``logging.setup``), so
    the next test's call puts its own back."""
    if not change.name.endswith(".addHandler"):
        return False
    at = position(change.node)
    return any(where < at and undo.name in ("Logger.removeHandler", "Logger.handlers") for where, undo in undos)


def module_loggers_of(module: ModuleRef) -> dict[str, str]:
    """Logger names bound at module level in a project module (from its constants)."""
    found: dict[str, str] = {}
    for name, value in module.constants.items():
        key = _logger_key(value, module.resolver.qualified_name, {})
        if key is not None:
            found[name] = key
    return found
