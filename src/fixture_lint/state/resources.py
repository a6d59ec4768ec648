"""What acquires a resource, how it is released, and whether a fixture releases it.

The table is data, registered through the ``fixture_lint_resources`` hook (the built-in
entries below, plus any plugin's) and extended per project through FXL103's options.
The analysis reads one fixture function through its shared ``BodyIndex``: it finds the
acquiring calls, follows the names they are bound to, and looks for a release: a release
call on the name (``conn.close()``), the name passed to a release function
(``shutil.rmtree(path)``), a ``with`` block or ``ExitStack`` around it, a finalizer
(``request.addfinalizer(conn.close)``), any use of the name after the ``yield``, or a
factory's list of created objects that is released in the teardown.
"""
from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from ..model.bodies import BodyIndex
from .summaries import Callee, ModuleRef, ProjectFunctions, ProjectQuestion
from ..knowledge.resources import (  # the data half of this module
    MANAGING_CALLS,
    MEMORY_OBJECTS,
    RELEASE_WORDS,
    Resource,
    CONTAINER_METHODS,
    TRANSPARENT_CALLS,
    WAIT_WHILE_CALLS,
)

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


def is_release_name(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in RELEASE_WORDS)


def resource_from_spec(spec: str) -> Optional[Resource]:
    """A project's resource from an option string: ``"mylib.connect"`` or
    ``"mylib.connect:close"`` (release method after the colon)."""
    call, _, release = spec.partition(":")
    call = call.strip()
    if not call:
        return None
    releases = tuple(f"{{}}.{method.strip()}()" for method in release.split("+") if method.strip())
    return Resource(call, "resource", releases)


@dataclass
class Leak:
    """An acquisition a fixture never releases."""

    call: ast.Call
    resource: Resource
    holder: Optional[str]
    """The local name it was bound to, if any."""
    how: str
    """``returned`` | ``yielded`` | ``derived`` | ``stored`` | ``dropped``, or ``factory``
    (a function the fixture hands out returns it)."""


class ResourceTable:
    """The registered resources, by qualified name of the acquiring call."""

    def __init__(self, resources: Iterable[Resource], preview: bool = False) -> None:
        self._by_call: dict[str, Resource] = {}
        for resource in resources:
            if preview or not resource.preview:
                self._by_call[resource.call] = resource

    def __len__(self) -> int:
        return len(self._by_call)

    @property
    def last_names(self) -> frozenset[str]:
        """The last names of the acquiring calls (``connect`` for ``sqlite3.connect``)."""
        return frozenset(call.rsplit(".", 1)[-1] for call in self._by_call)

    def match(self, call: ast.Call, body: BodyIndex) -> Optional[Resource]:
        """The resource ``call`` acquires, if it is one of the table's."""
        qualified = body.qualified_name(call.func)
        if qualified is None and isinstance(call.func, ast.Name) and call.func.id == "open":
            qualified = "open"  # the builtin, unless a module-level name shadows it
        if qualified is None:
            return None
        resource = self._by_call.get(qualified)
        if resource is None:
            return None
        if resource.needs_keyword is not None and not _keyword_matches(call, resource.needs_keyword):
            return None
        return resource


def find_leaks(
    function: FunctionNode,
    body: BodyIndex,
    table: ResourceTable,
    class_teardown: Callable[[], Optional[frozenset[str]]] = lambda: frozenset(),
    wrappers: Optional[Callable[[ast.Call], Optional[Resource]]] = None,
    memory_classes: frozenset[str] = frozenset(),
) -> list[Leak]:
    """The acquisitions in a fixture function that no teardown releases.

    ``class_teardown`` answers, on demand, which attributes (``self.conn`` -> ``conn``)
    the xunit teardown methods that run after this fixture release, or ``None`` when
    they cannot all be seen (a base class from another module). ``wrappers`` answers
    which other calls acquire a resource (the project's ``make_db()``, see
    ``ProjectResources``); they are judged with the same release knowledge.
    ``memory_classes`` names the module's classes that live in memory only (see
    ``memory_classes``).
    """
    acquired = []
    for call in body.of(ast.Call):
        resource = table.match(call, body)
        if resource is None and wrappers is not None:
            resource = wrappers(call)
        if resource is not None:
            acquired.append((call, resource))
    if not acquired:
        return []
    flow = _FixtureFlow(function, body, class_teardown, memory_classes)
    return flow.leaks(sorted(acquired, key=lambda item: _position(item[0])))


# xunit methods that run after a test (or a class, or a module) and may release what a
# fixture or ``setup_method`` stored on ``self``/``cls``.
XUNIT_TEARDOWNS = frozenset(
    {
        "teardown_method", "teardown_class", "teardown_module", "teardown_function", "teardown",
        "tearDown", "tearDownClass", "tearDownModule", "asyncTearDown",
    }
)
# Receivers whose attributes outlive the fixture body: the test instance or class.
_OBJECT_RECEIVERS = frozenset({"self", "cls", "request.cls", "request.instance", "request.node"})


def released_attributes(body: BodyIndex) -> set[str]:
    """Attributes a teardown function reads (``self.conn.close()``, ``shutil.rmtree(self.tmp)``,
    ``for c in self.conns: ...``): as with code after a ``yield``, a use counts as release."""
    return {
        node.attr
        for node in body.of(ast.Attribute)
        if not isinstance(node.ctx, ast.Store) and isinstance(node.value, (ast.Name, ast.Attribute))
    }


class XunitTeardowns:
    """What the xunit teardown methods of a module release, per class (bases in the same
    module included), read on demand through the shared body indexes."""

    _KNOWN_BASES = frozenset({"object", "unittest.TestCase", "unittest.IsolatedAsyncioTestCase"})

    def __init__(
        self,
        tree: ast.Module,
        classes: dict[str, ast.ClassDef],
        body_of: Callable[[ast.AST], BodyIndex],
        qualified_name: Callable[[ast.AST], Optional[str]],
        visible_consumers: bool,
    ) -> None:
        self._classes = classes
        self._body_of = body_of
        self._qualified_name = qualified_name
        self._visible = visible_consumers
        self._module_functions = [
            stmt for stmt in tree.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in XUNIT_TEARDOWNS
        ]
        self._cache: dict[Optional[str], Optional[frozenset[str]]] = {}

    def released(self, class_name: Optional[str]) -> Optional[frozenset[str]]:
        """Attributes released after a fixture of ``class_name`` (``None``: a module-level
        fixture, whose ``request.cls`` may be any class of the module); ``None`` when a
        teardown that runs may not be visible here."""
        if class_name not in self._cache:
            self._cache[class_name] = self._compute(class_name)
        return self._cache[class_name]

    def _compute(self, class_name: Optional[str]) -> Optional[frozenset[str]]:
        found: set[str] = set()
        for function in self._module_functions:
            found |= released_attributes(self._body_of(function))
        if class_name is None:
            if not self._visible:
                return None  # a conftest fixture: its classes live in other files
            names: list[str] = list(self._classes)
        else:
            names = [class_name]
        for name in names:
            attrs = self._class(name, 0)
            if attrs is None:
                return None
            found |= attrs
        return frozenset(found)

    def _class(self, name: str, depth: int) -> Optional[set[str]]:
        node = self._classes.get(name) or self._classes.get(name.rsplit(".", 1)[-1])
        if node is None or depth > 5:
            return None
        found: set[str] = set()
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in XUNIT_TEARDOWNS:
                found |= released_attributes(self._body_of(stmt))
        for base in node.bases:
            dotted = _dotted(base)
            if dotted is None:
                return None
            qualified = self._qualified_name(base) or dotted
            if qualified in self._KNOWN_BASES:
                continue
            inner = self._class(dotted, depth + 1)
            if inner is None:
                return None
            found |= inner
        return found


def released_by_consumer(name: str, consumer: FunctionNode, body: BodyIndex) -> bool:
    """Whether a fixture that requests fixture ``name`` releases its value in its own
    teardown (``yield App(client)`` ... ``client.close()``): ownership handed over."""
    params = consumer.args.posonlyargs + consumer.args.args + consumer.args.kwonlyargs
    if not any(arg.arg == name for arg in params):
        return False
    flow = _FixtureFlow(consumer, body, lambda: frozenset())
    return flow._released({name})


def memory_classes(tree: ast.Module, qualified_name: Callable[[ast.AST], Optional[str]]) -> frozenset[str]:
    """The module's top-level classes that derive from an in-memory object
    (``class Recording(httpx.MockTransport)``), directly or through an earlier such class."""
    found: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.bases:
            if any(
                qualified_name(base) in MEMORY_OBJECTS or (isinstance(base, ast.Name) and base.id in found)
                for base in stmt.bases
            ):
                found.add(stmt.name)
    return frozenset(found)


def _position(node: ast.AST) -> tuple[int, int]:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


# -- the flow of values through one fixture ----------------------------------------------
_ANY = Resource("", "", ())
_TEARDOWN_CALLS = frozenset({"addfinalizer", "addCleanup", "addAsyncCleanup", "callback", "push_async_callback"})
_TEARDOWN_QUALIFIED = frozenset({"atexit.register", "weakref.finalize"})


class _FixtureFlow:
    """Where the values of one fixture function go: bindings, releases, the yield."""

    def __init__(
        self,
        function: FunctionNode,
        body: BodyIndex,
        class_teardown: Callable[[], Optional[frozenset[str]]],
        memory_classes: frozenset[str] = frozenset(),
    ) -> None:
        self.function = function
        self.body = body
        self._memory_classes = memory_classes
        self._class_teardown = class_teardown
        self._class_released: Optional[tuple[Optional[frozenset[str]]]] = None
        nested: set[int] = set()
        # The def a nested node belongs to (the outermost one inside the fixture).
        self.owner_def: dict[int, str] = {}
        inners: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda] = [
            *body.of(ast.FunctionDef), *body.of(ast.AsyncFunctionDef), *body.of(ast.Lambda)
        ]
        for inner in inners:
            if inner is not function:
                for node in ast.walk(inner):
                    if node is not inner:
                        nested.add(id(node))
                        if isinstance(node, ast.Return) and not isinstance(inner, ast.Lambda):
                            self.owner_def.setdefault(id(node), inner.name)
        self.nested = nested
        yields_and_froms: list[ast.Yield | ast.YieldFrom] = [*body.of(ast.Yield), *body.of(ast.YieldFrom)]
        own_yields = [y for y in yields_and_froms if id(y) not in nested]
        self.yields = [y for y in own_yields if isinstance(y, ast.Yield)]
        self.is_generator = bool(own_yields)
        self.yield_end = max((y.end_lineno or y.lineno for y in own_yields), default=None)
        self.bindings: list[tuple[list[str], ast.expr]] = []
        for assign in body.of(ast.Assign):
            self.bindings.append(([n for t in assign.targets for n in _target_names(t)], assign.value))
        for ann in body.of(ast.AnnAssign):
            if ann.value is not None:
                self.bindings.append((_target_names(ann.target), ann.value))
        for walrus in body.of(ast.NamedExpr):
            self.bindings.append((_target_names(walrus.target), walrus.value))
        for with_node in body.of(ast.With) + body.of(ast.AsyncWith):
            for item in with_node.items:
                if item.optional_vars is not None:
                    self.bindings.append((_target_names(item.optional_vars), item.context_expr))
        self.bindings.sort(key=lambda item: _position(item[1]))
        # ``self.conn = connect()``, ``request.cls.db = connect()``: (attribute, value)
        self.object_stores: list[tuple[str, str, ast.expr]] = []
        self.managed: set[int] = set()
        self.released: set[str] = set()
        self.passed: set[str] = set()
        self.containers: dict[str, set[str]] = {}
        self.stored_values: list[tuple[Optional[str], ast.expr]] = []
        self.released_attrs: set[str] = set()
        self.patched: set[str] = set()
        self.has_teardown = False
        for with_node in body.of(ast.With) + body.of(ast.AsyncWith):
            for item in with_node.items:
                self._manage(item.context_expr)
        for call in body.of(ast.Call):
            self._read_call(call)
        for assign in body.of(ast.Assign):
            for target in assign.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    self.containers.setdefault(target.value.id, set()).update(_names_in(assign.value))
                elif isinstance(target, ast.Attribute):
                    receiver = _dotted(target.value)
                    if receiver in _OBJECT_RECEIVERS:
                        self.object_stores.append((target.attr, f"{receiver}.{target.attr}", assign.value))
                    self.stored_values.append((target.attr if receiver in _OBJECT_RECEIVERS else None, assign.value))
                elif isinstance(target, ast.Subscript):
                    self.stored_values.append((None, assign.value))
        for aug in body.of(ast.AugAssign):
            if isinstance(aug.target, ast.Name) and isinstance(aug.op, ast.Add) and isinstance(aug.value, (ast.List, ast.Tuple)):
                # ``sockets += [a, b]``: the list holds them from then on
                items = self.containers.setdefault(aug.target.id, set())
                items.update(elt.id for elt in aug.value.elts if isinstance(elt, ast.Name))
        for waiting in body.of(ast.While):
            # ``while thread.is_alive(): sleep(...)`` waits until it has ended
            test = waiting.test
            if (
                isinstance(test, ast.Call)
                and isinstance(test.func, ast.Attribute)
                and test.func.attr in WAIT_WHILE_CALLS
                and isinstance(test.func.value, ast.Name)
            ):
                self.released.add(test.func.value.id)
        for attribute in body.of(ast.Attribute):
            # ``request.addfinalizer(conn.close)``, ``stack.callback(proc.kill)``
            if is_release_name(attribute.attr):
                if isinstance(attribute.value, ast.Name):
                    self.released.add(attribute.value.id)
                elif isinstance(attribute.value, ast.Attribute):  # ``self.conn.close``
                    self.released_attrs.add(attribute.value.attr)
        for loop in body.of(ast.For) + body.of(ast.AsyncFor):
            # ``for conn in created: conn.close()`` releases what ``created`` holds
            targets = set(_target_names(loop.target))
            if any(
                isinstance(node, ast.Call) and _releases_any(node, targets)
                for stmt in loop.body
                for node in ast.walk(stmt)
            ):
                self.released.update(_names_in(loop.iter))
        if self.yield_end is not None:
            # Code after the yield that names anything is a teardown; a name it uses
            # is taken as released (``yield conn`` ... ``cleanup(conn)``).
            after = [n for n in body.of(ast.Name) if n.lineno > self.yield_end and id(n) not in nested]
            self.has_teardown = self.has_teardown or bool(after)
            self.released.update(n.id for n in after)
            self.released_attrs.update(
                a.attr for a in body.of(ast.Attribute) if a.lineno > self.yield_end and id(a) not in nested
            )

    def _manage(self, expr: ast.expr) -> None:
        for node in ast.walk(expr):
            if isinstance(node, ast.Call):
                self.managed.add(id(node))
            elif isinstance(node, ast.Name):
                self.released.add(node.id)

    def _read_call(self, call: ast.Call) -> None:
        name = _call_name(call)
        func = call.func
        if name in _PATCH_CALLS:
            self._read_patch(call)
        if name in _TEARDOWN_CALLS or self.body.qualified_name(func) in _TEARDOWN_QUALIFIED:
            self.has_teardown = True
        if name in MANAGING_CALLS:
            for arg in list(call.args) + [kw.value for kw in call.keywords]:
                self._manage(arg)
            return
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if is_release_name(func.attr):
                self.released.add(func.value.id)
                return
            if func.attr in CONTAINER_METHODS:
                items = self.containers.setdefault(func.value.id, set())
                for arg in call.args:
                    items.update(_names_in(arg))
                return
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and is_release_name(func.attr):
            self.released_attrs.add(func.value.attr)  # ``self.conn.close()``
            return
        if name is not None and is_release_name(name):
            # ``shutil.rmtree(path)``, ``os.close(fd)``, ``kill_process(proc)``
            for arg in call.args:
                if isinstance(arg, ast.Name):
                    self.released.add(arg.id)
                elif isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
                    self.released.add(arg.value.id)
                    self.released_attrs.add(arg.attr)
            return
        for arg in list(call.args) + [kw.value for kw in call.keywords]:
            if isinstance(arg, ast.Name):
                self.passed.add(arg.id)

    def _read_patch(self, call: ast.Call) -> None:
        """``mock.patch("pkg.subprocess.Popen")``, ``patch.object(subprocess, "Popen")``,
        ``monkeypatch.setattr(socket, "socket", Fake)``: the last name of what is replaced."""
        strings = [a.value for a in call.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        for text in strings[:1] if _call_name(call) == "patch" else strings:
            self.patched.add(text.rsplit(".", 1)[-1])

    # -- the verdict ----------------------------------------------------------------
    def leaks(self, acquired: list[tuple[ast.Call, Resource]]) -> list[Leak]:
        found = []
        for call, resource in acquired:
            if id(call) in self.managed or self._not_acquired(call, resource):
                continue
            leak = self._judge(call, resource)
            if leak is not None:
                found.append(leak)
        return found

    def _not_acquired(self, call: ast.Call, resource: Resource) -> bool:
        """The call acquires nothing here: it is mocked in this fixture, or the object
        lives in memory only, or it wraps a file object that someone else owns, or it is
        the statement a ``pytest.raises`` block expects to raise (nothing was made)."""
        if resource.call.rsplit(".", 1)[-1] in self.patched:
            return True
        if self.body.in_raising_statement(call):
            return True
        if any(_argument(call, spec) is not None for spec in resource.memory_given):
            return True
        if any(_argument(call, spec) is not None for spec in resource.borrows):
            return True
        given = [value for value in (_argument(call, spec) for spec in resource.memory_args) if value is not None]
        if given and all(self._in_memory(value) for value in given):
            return True
        if resource.memory_unless:
            real = [v for v in (_argument(call, spec) for spec in resource.memory_unless) if v is not None]
            return not real or all(self._in_memory(v) or _is_zero(v) for v in real)
        return False

    def _in_memory(self, value: ast.expr, depth: int = 0) -> bool:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            text = value.value
            return text == ":memory:" or text.startswith("file::memory:") or "mode=memory" in text
        if isinstance(value, ast.Call):
            func = value.func
            if isinstance(func, ast.Name) and func.id in self._memory_classes:
                return True
            return self.body.qualified_name(func) in MEMORY_OBJECTS
        if isinstance(value, ast.Name) and depth < 3:
            bound = [v for names, v in self.bindings if value.id in names]
            return len(bound) == 1 and self._in_memory(bound[0], depth + 1)
        return False

    def sends(self, names: set[str], resource: Resource) -> bool:
        """Whether a request goes through the connection pool held by ``names``: one of
        its sending methods is named on it (called, or handed on as ``client.get``) outside
        a block that expects the request to fail (a failed request leaves no connection
        in the pool). Always ``True`` for a resource that is not a lazy pool."""
        if not resource.lazy_sends:
            return True
        sending = resource.lazy_sends
        return any(
            attribute.attr in sending
            and isinstance(attribute.value, ast.Name)
            and attribute.value.id in names
            and not self.body.in_expected_failure(attribute)
            for attribute in self.body.of(ast.Attribute)
        )

    def _object_store(self, call: ast.Call) -> Optional[tuple[str, str]]:
        """The attribute of ``self``/``cls``/``request.cls`` the call is stored on directly,
        and the target as written (``self.conn``)."""
        for attr, target, value in self.object_stores:
            if _unwrap(value) is call:
                return attr, target
        return None

    def _class_releases(self, attr: str) -> bool:
        """Whether an xunit teardown that runs after this fixture releases ``self.<attr>``
        (``True`` when some teardown cannot be seen)."""
        if self._class_released is None:
            self._class_released = (self._class_teardown(),)
        released = self._class_released[0]
        return released is None or attr in released

    def _attr_released(self, attr: str) -> bool:
        return attr in self.released_attrs or self._class_releases(attr)

    def _holders(self, call: ast.Call) -> Optional[list[str]]:
        for names, value in self.bindings:
            if _unwrap(value) is call:
                return names
        return None

    def _is_started(self, call: ast.Call, holders: Optional[list[str]], attr: Optional[tuple[str, str]]) -> bool:
        for other in self.body.of(ast.Call):
            func = other.func
            if isinstance(func, ast.Attribute) and func.attr == "start":
                if func.value is call:
                    return True
                if holders and isinstance(func.value, ast.Name) and func.value.id in holders:
                    return True
                if attr is not None and isinstance(func.value, ast.Attribute) and func.value.attr == attr[0]:
                    return True
        return False

    def _judge(self, call: ast.Call, resource: Resource) -> Optional[Leak]:
        holders = self._holders(call)
        attr = self._object_store(call) if not holders else None
        if resource.needs_start and not self._is_started(call, holders, attr):
            return None
        if attr is not None:
            # ``self.conn = connect()``: the test instance or class holds it after the fixture
            if self._attr_released(attr[0]):
                return None
            return Leak(call, resource, attr[1], "stored")
        if holders is None:
            escape = self._escape(lambda node: node is call, resource)
            if escape is None:
                if resource.persists and not self.has_teardown and self._dropped(call):
                    return Leak(call, resource, None, "dropped")
                return None
            how, _, derived = escape
            if how == "yielded" and self.has_teardown:
                return None
            return Leak(call, resource, None, "derived" if derived and how != "factory" else how)
        if not holders:
            return None
        names = set(holders)
        if self._released(names):
            return None
        # Follow the value through assignments: aliases and containers carry it as is,
        # ``conn.cursor()`` (for resources that derive) carries something made from it.
        direct: set[str] = set(names)
        made: set[str] = set()
        for targets, value in self.bindings:
            if not targets or set(targets) <= direct | made:
                continue
            carried = _carries(value, lambda n: _named(n, direct | made), resource)
            if carried is not None:
                node, derived = carried
                if derived or _named(node, made):
                    made.update(targets)
                else:
                    direct.update(targets)
        escape = self._escape(lambda n: _named(n, direct | made), resource)
        if escape is not None:
            how, node, derived = escape
            holder = node.id if isinstance(node, ast.Name) and node.id in names else holders[0]
            if (derived or _named(node, made)) and how != "factory":
                how = "derived"
            return Leak(call, resource, holder, how)
        if resource.persists and not self.has_teardown:
            return Leak(call, resource, holders[0], "dropped")
        return None

    def _hands_out(self, name: str) -> bool:
        """Whether the fixture returns or yields its nested function ``name`` (a factory),
        rather than calling it as a local helper."""
        match = lambda node: _named(node, {name})  # noqa: E731
        values = [r.value for r in self.body.of(ast.Return) if id(r) not in self.nested]
        values += [y.value for y in self.yields]
        return any(v is not None and _carries(v, match, _ANY) is not None for v in values)

    def _released(self, names: set[str]) -> bool:
        if names & self.released:
            return True
        for container, items in self.containers.items():
            if names & items and (self.has_teardown or container in self.released):
                return True
        return self.has_teardown and bool(names & self.passed)

    def _dropped(self, call: ast.Call) -> bool:
        return any(_unwrap(stmt.value) is call for stmt in self.body.of(ast.Expr))

    def _escape(self, match: Callable[[ast.AST], bool], resource: Resource) -> Optional[tuple[str, ast.AST, bool]]:
        """How a value leaves the fixture: ``returned`` (``factory`` when a function the
        fixture hands out returns it), ``yielded``, or ``stored`` on an object; with the
        node that matched and whether what leaves is only made from it."""
        for ret in self.body.of(ast.Return):
            carried = _carries(ret.value, match, resource) if ret.value is not None else None
            if carried is None:
                continue
            if id(ret) not in self.nested:
                return "returned", carried[0], carried[1]
            factory = self.owner_def.get(id(ret))
            if factory is not None and self._hands_out(factory):
                return "factory", carried[0], carried[1]
        for node in self.yields:
            carried = _carries(node.value, match, resource) if node.value is not None else None
            if carried is not None:
                return "yielded", carried[0], carried[1]
        for attr, value in self.stored_values:
            carried = _carries(value, match, resource)
            if carried is not None and not (attr is not None and self._attr_released(attr)):
                return "stored", carried[0], carried[1]
        return None


_PATCH_CALLS = frozenset({"patch", "object", "setattr"})


def _argument(call: ast.Call, spec: str) -> Optional[ast.expr]:
    """The argument ``spec`` names: a position (``"0"``) or a keyword."""
    if spec.isdigit():
        index = int(spec)
        if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            return call.args[index]
        return None
    for keyword in call.keywords:
        if keyword.arg == spec:
            return keyword.value
    return None


def _is_zero(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0 and not isinstance(node.value, bool)


def _dotted(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner is not None else None
    return None


def _named(node: ast.AST, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _unwrap(node: Optional[ast.expr]) -> Optional[ast.expr]:
    """``await x``, ``loop.run_until_complete(x)``, ``asyncio.wait_for(x, t)`` -> ``x``."""
    while node is not None:
        if isinstance(node, ast.Await):
            node = node.value
        elif isinstance(node, ast.Call) and node.args and _call_name(node) in TRANSPARENT_CALLS:
            node = node.args[0]
        else:
            return node
    return node


def _call_name(call: ast.Call) -> Optional[str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _names_in(node: ast.AST) -> set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for elt in target.elts for name in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _keyword_matches(call: ast.Call, keyword: tuple[str, str]) -> bool:
    name, literal = keyword
    for kw in call.keywords:
        if kw.arg == name:
            return isinstance(kw.value, ast.Constant) and repr(kw.value.value) == literal
    return False


def _releases_any(call: ast.Call, names: set[str]) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        if func.value.id in names and is_release_name(func.attr):
            return True
    name = _call_name(call)
    if name is not None and is_release_name(name):
        return any(isinstance(arg, ast.Name) and arg.id in names for arg in call.args)
    return False


def _carries(
    value: ast.AST, match: Callable[[ast.AST], bool], resource: Resource, derived: bool = False
) -> Optional[tuple[ast.AST, bool]]:
    """The matched node ``value`` holds, and whether it holds only something made from it.

    Containers, constructor calls (``Wrapper(conn)``) and keyword arguments carry the
    value as is; for resources that derive, an attribute or method call on it
    (``conn.cursor()``) carries something made from it. An ordinary function call
    (``json.load(f)``) or a method call on a file (``f.read()``) returns something else.
    """
    if isinstance(value, ast.expr):
        value = _unwrap(value) or value
    if match(value):
        return value, derived
    children: list[ast.expr] = []
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        children = list(value.elts)
    elif isinstance(value, ast.Dict):
        children = [v for v in value.values if v is not None]
    elif isinstance(value, ast.Starred):
        children = [value.value]
    elif isinstance(value, ast.IfExp):
        children = [value.body, value.orelse]
    elif isinstance(value, ast.Attribute):
        return _carries(value.value, match, resource, True) if resource.derives else None
    elif isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Attribute) and resource.derives:
            found = _carries(func.value, match, resource, True)
            if found is not None:
                return found
        callee = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if callee[:1].isupper():
            children = list(value.args) + [kw.value for kw in value.keywords]
    for child in children:
        found = _carries(child, match, resource, derived)
        if found is not None:
            return found
    return None


# -- the project's own resource wrappers ------------------------------------------------------
_HANDS_OUT = frozenset({"returned", "derived"})
_CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})


@dataclass(frozen=True)
class ResourceWrapper:
    """What a project function hands out: the resource it acquires (``sqlite3.connect``)
    and where that acquisition is written (``helpers/db.py:5``)."""

    resource: Resource
    path: Path
    line: int


class ProjectResources(ProjectQuestion[ResourceWrapper]):
    """Calls of project functions that acquire a resource (an effect summary per function,
    through ``state.summaries``): a function that returns what a call of the table
    acquires (``def make_db(): return sqlite3.connect(path)``), or what another such
    function returns, and does not release it itself. A wrapper that registers its own
    cleanup (a generator or ``contextmanager``, ``closing(...)``, an ``atexit`` release,
    an in-memory look-alike) is judged by ``find_leaks`` like a fixture: it hands out
    nothing to release."""

    kind = "resources"

    def __init__(self, table: ResourceTable, functions: ProjectFunctions, module: ModuleRef) -> None:
        self.table: ResourceTable = table
        self._through: dict[int, tuple[Callee, ResourceWrapper]] = {}
        super().__init__(table, functions, module, table.last_names)

    def acquirer(self, body: BodyIndex) -> Callable[[ast.Call], Optional[Resource]]:
        """``find_leaks``'s ``wrappers`` for a fixture of the module under analysis."""
        return lambda call: self._resource(call, body, self.module, 0)

    def through(self, call: ast.Call) -> Optional[tuple[Callee, ResourceWrapper]]:
        """The wrapper a reported call acquired through, for the message."""
        return self._through.get(id(call))

    def _resource(self, call: ast.Call, body: BodyIndex, module: ModuleRef, depth: int) -> Optional[Resource]:
        func = call.func
        last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if depth == 0 and last not in self.names.lasts:
            return None
        found = self.summaries.of_call(call, body, module, depth)
        if found is None:
            return None
        callee, wrapper = found
        if depth == 0:
            self._through[id(call)] = (callee, wrapper)
        # What the wrapper's caller passes says nothing of where the resource lives: the
        # in-memory, borrowed and keyword conditions were judged inside the wrapper.
        return dataclasses.replace(
            wrapper.resource, call=callee.name, memory_args=(), memory_unless=(), borrows=(),
            needs_keyword=None, needs_start=False,
        )

    def _summarise(self, callee: Callee, depth: int) -> Optional[ResourceWrapper]:
        node = callee.node
        if callee.is_generator() or any(
            callee.body.qualified_name(d.func if isinstance(d, ast.Call) else d) in _CONTEXT_MANAGERS
            for d in node.decorator_list
        ):
            return None  # it releases what it hands out (a contextmanager, a fixture)
        if not callee.own_returns():
            return None
        inner: dict[int, ResourceWrapper] = {}

        def nested(call: ast.Call) -> Optional[Resource]:
            found = self.summaries.of_call(call, callee.body, callee.module, depth + 1)
            if found is None:
                return None
            wrapped, wrapper = found
            inner[id(call)] = wrapper
            return dataclasses.replace(
                wrapper.resource, call=wrapped.name, memory_args=(), memory_unless=(), borrows=(),
                needs_keyword=None, needs_start=False,
            )

        path = callee.module.path
        for leak in find_leaks(node, callee.body, self.table, wrappers=nested):
            if leak.how not in _HANDS_OUT:
                continue
            if id(leak.call) in inner:
                return inner[id(leak.call)]
            return ResourceWrapper(leak.resource, path, leak.call.lineno)
        return None
