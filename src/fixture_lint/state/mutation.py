"""What counts as mutating a value a function received, statically.

A function (a test or a fixture) receives values under names: its parameters (fixture
values, parametrize values) or expressions such as ``request.param``. This module finds
the statements that change such a value in place:

- item or slice assignment and ``del`` (``x["k"] = v``, ``x[1:] = v``, ``del x["k"]``),
- attribute assignment and ``del`` (``x.attr = v``, ``del x.attr``, ``setattr(x, ...)``),
- augmented assignment on an item or attribute (``x["n"] += 1``), and on the name itself
  when the value is known to be a list/dict/set (``x += [1]`` extends the list in place),
- mutating methods (``x.append(1)``, ``x.update(...)``, ``x.sort()``, ...) and functions
  that mutate their first argument (``random.shuffle(x)``, ``heapq.heappush(x, v)``),
- the same on anything reached from the value through attributes and items
  (``x.items[0].append(1)``, ``x.config["debug"] = True``).

Rebinding is not mutation: after ``x = x + [1]``, ``x = dict(x)`` or
``x = copy.deepcopy(x)`` the name holds another object, so later changes to it are not
reported. A local alias (``data = request.param``) is followed. Code in nested functions
and lambdas is deferred (a callback, a finalizer) and is not reported, and neither is
teardown (after a fixture's ``yield``, in a ``finally:`` block); a change that the
teardown undoes (the same place, or one containing it, is written again there) counts
as restored and is not reported either. The built-in containers' mutating methods other
than ``pop``/``popitem``/``setdefault``/``popleft`` return ``None``, so a call whose
result is used (``new = index.append(other)``) is another API that returns a new object
(pandas' ``Index.append``) and is not a mutation.

Everything works from the function's shared :class:`~fixture_lint.model.bodies.BodyIndex`
(one walk per function, shared with the other rules) and node positions.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable, Collection, Iterable, Iterator, Mapping, Optional, Union

from ..model.bodies import BodyIndex
from ..model.facts import ModuleFacts
from ..model.names import dotted_name

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
Position = tuple[int, int]

MUTATING_METHODS = frozenset(
    {
        # list
        "append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
        # dict
        "update", "setdefault", "popitem",
        # set
        "add", "discard", "difference_update", "intersection_update",
        "symmetric_difference_update",
        # collections.deque / OrderedDict
        "appendleft", "extendleft", "popleft", "rotate", "move_to_end",
    }
)
"""Methods that change their receiver in place (list, dict, set, deque, OrderedDict)."""

VALUE_RETURNING_METHODS = frozenset({"pop", "popitem", "setdefault", "popleft"})
"""Mutating methods whose result is meant to be used. The others return ``None`` on the
built-in containers, so a call whose result *is* used (``new = index.append(other)``) is
a different API that returns a new object (pandas' ``Index.append``), not a mutation."""

MUTATING_FUNCTIONS = frozenset(
    {
        "random.shuffle",
        "heapq.heappush", "heapq.heappop", "heapq.heapify", "heapq.heappushpop",
        "heapq.heapreplace",
        "bisect.insort", "bisect.insort_left", "bisect.insort_right",
    }
)
"""Functions (qualified names) that change their first argument in place."""

MUTATING_BUILTINS = frozenset({"setattr", "delattr"})
"""Builtins that change their first argument (when not rebound by the module)."""

CONTAINER_METHODS: dict[str, frozenset[str]] = {
    "list": frozenset({"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}),
    "bytearray": frozenset({"append", "extend", "insert", "remove", "pop", "clear", "reverse"}),
    "dict": frozenset({"update", "setdefault", "popitem", "pop", "clear"}),
    "set": frozenset(
        {"add", "discard", "remove", "pop", "clear", "update", "difference_update",
         "intersection_update", "symmetric_difference_update"}
    ),
    "deque": frozenset(
        {"append", "appendleft", "extend", "extendleft", "insert", "remove", "pop", "popleft",
         "clear", "rotate", "reverse"}
    ),
}
"""The mutating methods of each known container kind."""

KIND_OF = {
    "list": "list", "bytearray": "bytearray", "dict": "dict", "set": "set",
    "collections.defaultdict": "dict", "collections.OrderedDict": "dict",
    "collections.Counter": "dict", "collections.ChainMap": "dict", "collections.deque": "deque",
    "types.SimpleNamespace": "data", "argparse.Namespace": "data",
}
"""A :class:`~fixture_lint.state.mutability.MutableValue` kind -> a container kind, or
``data`` for a plain data object (``SimpleNamespace``, a non-frozen dataclass)."""

DATA = "data"
"""A plain data object: its attributes and items are data, its methods are its own."""

DISTINCTIVE_METHODS = frozenset(
    {"append", "extend", "appendleft", "extendleft", "popleft", "setdefault", "popitem", "move_to_end"}
)
"""Mutator names that, with the container's call shape, are a container's own methods even
on an object of unknown type. ``add``, ``insert``, ``update``, ``pop``, ``remove``,
``clear`` are just as often an ORM session's, a database's or a cache's API."""

# (fewest positional arguments, most positional arguments or -1, allowed keywords or None for any)
_SHAPES: dict[str, tuple[int, int, Optional[frozenset[str]]]] = {
    "append": (1, 1, frozenset()), "extend": (1, 1, frozenset()), "insert": (2, 2, frozenset()),
    "remove": (1, 1, frozenset()), "pop": (0, 2, frozenset()), "clear": (0, 0, frozenset()),
    "sort": (0, 0, frozenset({"key", "reverse"})), "reverse": (0, 0, frozenset()),
    "update": (0, 1, None), "setdefault": (1, 2, frozenset()),
    "popitem": (0, 0, frozenset({"last"})), "add": (1, 1, frozenset()),
    "discard": (1, 1, frozenset()), "difference_update": (1, -1, frozenset()),
    "intersection_update": (1, -1, frozenset()), "symmetric_difference_update": (1, 1, frozenset()),
    "appendleft": (1, 1, frozenset()), "extendleft": (1, 1, frozenset()),
    "popleft": (0, 0, frozenset()), "rotate": (0, 1, frozenset()),
    "move_to_end": (1, 1, frozenset({"last"})),
}


def container_kind(kind: Optional[str]) -> Optional[str]:
    """The container kind (``list``, ``dict``, ``set``, ``deque``, ``bytearray``), ``data``
    for a plain data object, or ``None`` (not known) for a ``MutableValue.kind``."""
    if kind is None:
        return None
    if kind.startswith("dataclass "):
        return DATA
    return KIND_OF.get(kind)


def fits_container_call(call: ast.Call, method: str) -> bool:
    """Whether ``call`` has the shape of the built-in containers' ``method``:
    ``list.insert(i, x)`` takes two positional arguments and no keywords, so
    ``db.insert("users", obj=row)`` is another API; ``dict.update`` takes one mapping, so
    ``cache.update("table", ...)`` is not a dict's."""
    shape = _SHAPES.get(method)
    if shape is None:
        return False
    fewest, most, keywords = shape
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(k.arg is None for k in call.keywords):
        return True  # ``*args`` / ``**kwargs``: the shape is not known
    count = len(call.args)
    if count < fewest or (most >= 0 and count > most):
        return False
    if keywords is not None and any(k.arg not in keywords for k in call.keywords):
        return False
    first = call.args[0] if call.args else None
    if method in ("update", "insert") and isinstance(first, ast.Constant) and isinstance(first.value, (str, bytes)):
        return False  # a table or key name, not a mapping or an index
    return True


def method_mutates(call: ast.Call, method: str, kind: Optional[str], nested: bool) -> bool:
    """Whether ``receiver.method(...)`` changes the receiver, knowing the container kind
    of the value it was reached from (``nested``: through attributes or items of it).

    On a known container: its own methods, with their call shape. On a plain data object
    (``data``): not its own methods (a dataclass's ``add`` is its API), but container-shaped
    calls on its attributes and items (``ns.items.append(x)``). On a value of unknown type
    (``None``): only the distinctive container methods (``append``, ``extend``,
    ``setdefault``...) with a container's call shape, on it or on what is reached from it."""
    if not fits_container_call(call, method):
        return False
    if kind is None:
        return method in DISTINCTIVE_METHODS
    if nested:
        return True
    return kind in CONTAINER_METHODS and method in CONTAINER_METHODS[kind]


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def position(node: ast.AST) -> Position:
    """``(line, column)`` where ``node`` starts (ast's byte columns)."""
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def end_position(node: ast.AST) -> Position:
    end_line = getattr(node, "end_lineno", None)
    end_col = getattr(node, "end_col_offset", None)
    if end_line is None or end_col is None:
        return position(node)
    return end_line, end_col


def contains(outer: ast.AST, inner: ast.AST) -> bool:
    """Whether ``inner`` lies within the source span of ``outer``."""
    return position(outer) <= position(inner) and end_position(inner) <= end_position(outer)


def dotted(node: ast.AST) -> Optional[str]:
    """``a.b.c`` for a ``Name``/``Attribute`` chain, else ``None``."""
    return dotted_name(node)


@dataclass(frozen=True)
class Binding:
    """A statement of the function's own scope that binds a name."""

    name: str
    node: ast.Name
    value: Optional[ast.expr]
    """The assigned expression for a plain ``name = value``, else ``None`` (a ``for``
    target, ``with ... as``, tuple unpacking, walrus, ``import``, ``except ... as``)."""


class FunctionScope:
    """Positions and bindings of one function's own scope (not its nested functions).

    Built from the function's shared ``BodyIndex``; answers which nodes belong to the
    function itself, which binding of a name a node sees, and what is teardown.
    """

    def __init__(self, function: FunctionNode, body: BodyIndex) -> None:
        self.function = function
        self.body = body
        self._start = position(function.body[0])
        self._end = end_position(function.body[-1])
        self.nested: list[ast.AST] = [
            node
            for kind in _NESTED_SCOPES
            for node in body.of(kind)
            if node is not function and self.in_body(node)
        ]
        self.comprehensions: list[ast.AST] = [
            node for kind in _COMPREHENSIONS for node in body.of(kind)
        ]
        self._bindings: Optional[dict[str, list[Binding]]] = None
        self._teardown_start: Optional[Position] = None
        self._finally: Optional[list[tuple[Position, Position]]] = None
        self._yields_known = False

    # -- where a node is ----------------------------------------------------------------
    def in_body(self, node: ast.AST) -> bool:
        """In the function's statements (not its decorators, defaults or annotations)."""
        return self._start <= position(node) and end_position(node) <= self._end

    def owns(self, node: ast.AST) -> bool:
        """In the function's body and not inside a nested function, lambda or class."""
        return self.in_body(node) and not any(contains(scope, node) for scope in self.nested)

    def owns_definition(self, scope: ast.AST) -> bool:
        """Whether a nested ``def``/``class`` is a statement of this function itself."""
        return not any(other is not scope and contains(other, scope) for other in self.nested)

    def sees_outer(self, node: ast.AST, name: str) -> bool:
        """Whether ``name`` at ``node`` means the function's own ``name`` (no nested
        function parameter, assignment or comprehension variable hides it)."""
        for scope in self.nested + self.comprehensions:
            if not contains(scope, node):
                continue
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                args = scope.args
                every = args.posonlyargs + args.args + args.kwonlyargs
                every += [a for a in (args.vararg, args.kwarg) if a is not None]
                if any(arg.arg == name for arg in every):
                    return False
            if isinstance(scope, _COMPREHENSIONS):
                for generator in scope.generators:
                    if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(generator.target)):
                        return False
            elif any(
                isinstance(n.ctx, ast.Store) and n.id == name and contains(scope, n)
                for n in self.body.of(ast.Name)
            ):
                return False
        return True

    # -- bindings ---------------------------------------------------------------------
    def bindings(self, name: str) -> list[Binding]:
        """The bindings of ``name`` in the function's own scope, in source order.

        Augmented assignment is not a binding here: ``x += [1]`` keeps the list."""
        if self._bindings is None:
            self._bindings = self._collect_bindings()
        return self._bindings.get(name, [])

    def binding_before(self, name: str, node: ast.AST) -> Optional[Binding]:
        """The latest binding of ``name`` that starts before ``node`` (``None``: the
        name still holds what the function received)."""
        where = position(node)
        found = None
        for binding in self.bindings(name):
            if position(binding.node) < where:
                found = binding
            else:
                break
        return found

    def _collect_bindings(self) -> dict[str, list[Binding]]:
        values: dict[int, ast.expr] = {}
        for assign in self.body.of(ast.Assign):
            for target in assign.targets:
                if isinstance(target, ast.Name):
                    values[id(target)] = assign.value
        for annotated in self.body.of(ast.AnnAssign):
            if isinstance(annotated.target, ast.Name) and annotated.value is not None:
                values[id(annotated.target)] = annotated.value
        augmented = {id(a.target) for a in self.body.of(ast.AugAssign)}
        found: dict[str, list[Binding]] = {}
        for node in self.body.of(ast.Name):
            if not isinstance(node.ctx, ast.Store) or id(node) in augmented:
                continue
            if not self.owns(node) or any(contains(c, node) for c in self.comprehensions):
                # Comprehension variables are local to the comprehension; a walrus in
                # one is rare enough to leave out.
                continue
            found.setdefault(node.id, []).append(Binding(node.id, node, values.get(id(node))))
        for imported in self.body.of(ast.Import) + self.body.of(ast.ImportFrom):
            if not self.owns(imported):
                continue
            for alias in imported.names:
                bound = alias.asname or alias.name.split(".", 1)[0]
                marker = ast.Name(id=bound, ctx=ast.Store())
                ast.copy_location(marker, imported)
                found.setdefault(bound, []).append(Binding(bound, marker, None))
        for scope in self.nested:
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and self.owns_definition(scope):
                marker = ast.Name(id=scope.name, ctx=ast.Store())
                ast.copy_location(marker, scope)
                found.setdefault(scope.name, []).append(Binding(scope.name, marker, None))
        for handler in self.body.of(ast.ExceptHandler):
            if handler.name and self.owns(handler):
                marker = ast.Name(id=handler.name, ctx=ast.Store())
                ast.copy_location(marker, handler)
                found.setdefault(handler.name, []).append(Binding(handler.name, marker, None))
        for group in found.values():
            group.sort(key=lambda b: position(b.node))
        return found

    # -- returns and teardown -------------------------------------------------------------
    def yields(self) -> list[ast.expr]:
        """The function's own ``yield`` expressions, in source order."""
        return sorted(
            (n for n in self.body.of(ast.Yield) + self.body.of(ast.YieldFrom) if self.owns(n)),
            key=position,
        )

    def returns(self) -> list[ast.Return]:
        """The function's own ``return`` statements, in source order."""
        return sorted((n for n in self.body.of(ast.Return) if self.owns(n)), key=position)

    def is_generator(self) -> bool:
        return bool(self.yields())

    def is_teardown(self, node: ast.AST) -> bool:
        """After the first ``yield`` of the function, or inside a ``finally:`` block."""
        if not self._yields_known:
            first = self.yields()
            self._teardown_start = end_position(first[0]) if first else None
            self._yields_known = True
        if self._teardown_start is not None and position(node) >= self._teardown_start:
            return True
        if self._finally is None:
            tries = self.body.of(ast.Try) + self.body.of(getattr(ast, "TryStar", ast.Try))
            self._finally = [
                (position(t.finalbody[0]), end_position(t.finalbody[-1])) for t in tries if t.finalbody
            ]
        where = position(node)
        return any(start <= where <= end for start, end in self._finally)


@dataclass(frozen=True)
class Mutation:
    """A statement (or call) that changes, in place, a value the function received."""

    root: str
    """The tracked name or expression the value came in as (``cfg``, ``request.param``)."""
    name: str
    """What the code changes it through: the root itself or a local alias of it."""
    node: ast.AST
    """The assignment, ``del`` or augmented assignment statement, or the call."""
    target: ast.expr
    """The place written (``cfg["a"]``, ``cfg.debug``) or the receiver of a method."""
    how: str
    """Human words for the change: ``item assignment``, ``.append()``, ..."""

    @property
    def location(self) -> str:
        return ast.unparse(self.target)


def find_mutations(
    function: FunctionNode,
    scope: FunctionScope,
    roots: Collection[str],
    inplace_roots: Collection[str] = (),
    include_teardown: bool = False,
    kinds: Optional[Mapping[str, Optional[str]]] = None,
) -> list[Mutation]:
    """The statements of ``function`` that change a value received as one of ``roots``.

    ``roots`` are parameter names or dotted expressions (``request.param``);
    ``inplace_roots`` are those whose value is known to be a list/dict/set, where
    ``x += ...`` changes the object. Teardown and restored changes are left out unless
    ``include_teardown``. The result is in source order.

    ``kinds`` (root -> :func:`container_kind`, ``None`` for a value of unknown type)
    decides what a mutator-named method call is: on a known container, its own methods
    with their call shape; on a plain data object or an opaque value, the value's own API
    (an ORM ``session.add(obj)``, a database's ``insert(table, ...)``) is not a change,
    while a container-shaped call on something reached from it (``app.routes.append(r)``)
    is, for the distinctive container methods. Without ``kinds`` every mutator name counts.
    Changes inside ``with pytest.raises(...)`` are expected to fail and are left out
    (unless ``include_teardown``), and so are writes that put back a value saved earlier
    (``old = cfg.debug ... cfg.debug = old``) and the changes such a write undoes.
    """
    if not roots:
        return []
    tracked = set(roots)
    aliases = _aliases(scope, tracked)
    candidates = sorted(
        _candidates(scope, scope.body, tracked | set(aliases), inplace_roots, aliases),
        key=lambda m: position(m.node),
    )
    if include_teardown:
        return [m for m in candidates if scope.owns(m.node)]
    kept: list[Mutation] = []
    restores = [m for m in candidates if scope.is_teardown(m.node) or not scope.owns(m.node)]
    write_backs = [m for m in candidates if is_write_back(m, scope, aliases)]
    for mutation in candidates:
        if not scope.owns(mutation.node) or scope.is_teardown(mutation.node):
            continue
        if kinds is not None and not _changes_kind(mutation, kinds):
            continue
        if scope.body.in_expected_failure(mutation.node):
            continue
        if any(r.root == mutation.root and _related(r.location, mutation.location) for r in restores):
            continue
        if any(
            w.root == mutation.root
            and (w is mutation or position(w.node) > position(mutation.node))
            and _related(w.location, mutation.location)
            for w in write_backs
        ):
            continue
        kept.append(mutation)
    return kept


def _changes_kind(mutation: Mutation, kinds: Mapping[str, Optional[str]]) -> bool:
    """A method call is a change only as :func:`method_mutates` says; other writes are."""
    node = mutation.node
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return True
    if node.func.attr not in MUTATING_METHODS or node.func.value is not mutation.target:
        return True
    nested = mutation.location != mutation.name
    return method_mutates(node, node.func.attr, kinds.get(mutation.root), nested)


def runs_sharing(facts: ModuleFacts, fixture_name: str) -> int:
    """How many test runs of the module get the value of the module's own fixture
    ``fixture_name`` (directly or through its other fixtures), counting a test with any
    parametrize as two: a value built once and used by one run has no later reader, so
    changing it leaks nowhere. An autouse fixture that needs it reaches every test."""
    needing = {fixture_name}
    changed = True
    while changed:
        changed = False
        for fixture in facts.fixtures:
            if fixture.name not in needing and needing.intersection(fixture.requested):
                needing.add(fixture.name)
                changed = True
    for fixture in facts.fixtures:
        if fixture.name in needing and (fixture.autouse or fixture.params is not None):
            return 2
    if needing.intersection(facts.pytestmark_usefixtures) or facts.pytestmark_parametrize:
        return 2
    runs = 0
    classes = {klass.name: klass for klass in facts.classes}
    for test in facts.tests:
        klass = classes.get(test.class_name) if test.class_name else None
        used = set(test.requested) | set(test.usefixtures) | set(klass.usefixtures if klass else ())
        if needing & used:
            runs += 2 if test.parametrize or (klass is not None and klass.parametrize) else 1
    return runs


def is_restored(mutation: Mutation, restores: Iterable[Mutation]) -> bool:
    """Whether one of ``restores`` (writes made by teardown code, such as an xunit
    ``teardown_method``) writes the place ``mutation`` changes, or one containing it."""
    return any(r.root == mutation.root and _related(r.location, mutation.location) for r in restores)


XUNIT_TEARDOWNS = frozenset(
    {"teardown_method", "teardown_class", "teardown", "tearDown", "tearDownClass", "teardown_function"}
)
"""Methods pytest (or unittest) runs after each test, or after the class."""


def xunit_teardown_restores(
    klass: ast.ClassDef, roots: Collection[str], body_of: "Callable[[FunctionNode], BodyIndex]"
) -> list[Mutation]:
    """The writes that the class's xunit teardown methods make to ``roots``: a fixture
    value reached there as ``self.<root>``, ``cls.<root>`` or the module-level name
    ``<root>``. Each returned mutation's ``root`` is the plain root name and its target
    is written as seen from the test (``self.cfg["a"]`` -> ``cfg["a"]``)."""
    found: list[Mutation] = []
    if not roots:
        return found
    for statement in klass.body:
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) or statement.name not in XUNIT_TEARDOWNS:
            continue
        scope = FunctionScope(statement, body_of(statement))
        names = [f"{owner}.{root}" for root in roots for owner in ("self", "cls")] + list(roots)
        for mutation in find_mutations(statement, scope, names, include_teardown=True):
            root = mutation.root.split(".", 1)[1] if "." in mutation.root else mutation.root
            text = mutation.location
            for owner in ("self.", "cls."):
                if text.startswith(owner):
                    text = text[len(owner):]
            target = ast.parse(text, mode="eval").body if text else mutation.target
            found.append(Mutation(root=root, name=root, node=mutation.node, target=target, how=mutation.how))
    return found


_SAVE_CALLS = frozenset({"copy.copy", "copy.deepcopy"})


def _saved_from(value: Optional[ast.expr], scope: FunctionScope) -> Optional[str]:
    """The place a saved value was read from: ``cfg.debug`` for ``old = cfg.debug``,
    ``old = cfg.copy()``, ``old = copy.deepcopy(cfg)``, ``old = dict(cfg)``."""
    if value is None:
        return None
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Attribute) and func.attr == "copy" and not value.args:
            return dotted_or_item(func.value)
        qualified = scope.body.qualified_name(func)
        if value.args and (
            qualified in _SAVE_CALLS or (isinstance(func, ast.Name) and func.id in ("dict", "list", "set"))
        ):
            return dotted_or_item(value.args[0])
        return None
    return dotted_or_item(value)


def dotted_or_item(node: ast.expr) -> Optional[str]:
    """The source text of a place (``cfg``, ``cfg.debug``, ``cfg["a"]``), else ``None``."""
    current: ast.expr = node
    while isinstance(current, (ast.Attribute, ast.Subscript)):
        current = current.value
    if not isinstance(current, ast.Name):
        return None
    return ast.unparse(node)


def is_write_back(mutation: Mutation, scope: FunctionScope, aliases: Mapping[str, str] = {}) -> bool:
    """Whether the change puts back a value saved earlier from the same place:
    ``old = cfg.debug ... cfg.debug = old``, ``saved = app.config.copy() ... app.config =
    saved`` or ``items[:] = saved``. Such a write is a restore, not a change."""
    node = mutation.node
    value: Optional[ast.expr] = None
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        value = node.value
    if not isinstance(value, ast.Name):
        return False
    binding = scope.binding_before(value.id, node)
    if binding is None:
        return False
    source = _saved_from(binding.value, scope)
    if source is None:
        return False
    place = mutation.location
    if isinstance(mutation.target, ast.Subscript) and isinstance(mutation.target.slice, ast.Slice):
        place = ast.unparse(mutation.target.value)
    return _unalias(source, aliases) == _unalias(place, aliases)


def _unalias(text: str, aliases: Mapping[str, str]) -> str:
    head, sep, rest = text.partition(".")
    for cut in ("[",):
        if cut in head:
            head, bracket, tail = head.partition(cut)
            rest, sep = bracket + tail + (sep + rest if sep else ""), ""
    root = aliases.get(head, head)
    return root + sep + rest if sep else root + rest


def first_per_name(mutations: Iterable[Mutation]) -> Iterator[Mutation]:
    """The first mutation of each root (one finding per value and function)."""
    seen: set[str] = set()
    for mutation in mutations:
        if mutation.root not in seen:
            seen.add(mutation.root)
            yield mutation


def _aliases(scope: FunctionScope, roots: set[str]) -> dict[str, str]:
    """Local names bound directly to a root (``data = request.param``) -> that root."""
    found: dict[str, str] = {}
    for assign in scope.body.of(ast.Assign):
        text = dotted(assign.value)
        if text is None or text not in roots or not scope.owns(assign):
            continue
        for target in assign.targets:
            if isinstance(target, ast.Name) and target.id not in roots:
                found[target.id] = text
    return found


def _candidates(
    scope: FunctionScope,
    body: BodyIndex,
    names: set[str],
    inplace_roots: Collection[str],
    aliases: dict[str, str],
) -> Iterator[Mutation]:
    def hit(node: ast.AST, obj: ast.expr, target: ast.expr, how: str) -> Iterator[Mutation]:
        if not scope.in_body(node):
            return
        matched = _match(obj, names)
        if matched is None:
            return
        text, reached = matched
        base = text.split(".", 1)[0]
        if not scope.sees_outer(node, base):
            return
        binding = scope.binding_before(base, node)
        if text in aliases:
            if binding is None or binding.value is None or dotted(binding.value) != aliases[text]:
                return
            root = aliases[text]
            if scope.binding_before(root.split(".", 1)[0], binding.node) is not None:
                return  # the alias was made after the root was rebound (to a copy)
        else:
            if binding is not None:
                return
            root = text
        yield Mutation(root=root, name=text, node=node, target=target, how=how)

    for assign in body.of(ast.Assign):
        for target in _flat_targets(assign.targets):
            if isinstance(target, ast.Subscript):
                yield from hit(assign, target.value, target, "item assignment")
            elif isinstance(target, ast.Attribute):
                yield from hit(assign, target.value, target, "attribute assignment")
    for annotated in body.of(ast.AnnAssign):
        target = annotated.target
        if annotated.value is not None and isinstance(target, (ast.Subscript, ast.Attribute)):
            how = "item assignment" if isinstance(target, ast.Subscript) else "attribute assignment"
            yield from hit(annotated, target.value, target, how)
    for augmented in body.of(ast.AugAssign):
        target = augmented.target
        if isinstance(target, (ast.Subscript, ast.Attribute)):
            yield from hit(augmented, target.value, target, "augmented assignment")
        elif isinstance(target, ast.Name):
            root = aliases.get(target.id, target.id)
            if root in inplace_roots:
                yield from hit(augmented, target, target, "in-place operator")
    for delete in body.of(ast.Delete):
        for target in _flat_targets(delete.targets):
            if isinstance(target, ast.Subscript):
                yield from hit(delete, target.value, target, "item deletion")
            elif isinstance(target, ast.Attribute):
                yield from hit(delete, target.value, target, "attribute deletion")
    discarded = {id(statement.value) for statement in body.of(ast.Expr)}
    for call in body.of(ast.Call):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in MUTATING_METHODS:
            if func.attr in VALUE_RETURNING_METHODS or id(call) in discarded:
                yield from hit(call, func.value, func.value, f"`.{func.attr}()`")
            continue
        if not call.args:
            continue
        qualified = body.qualified_name(func)
        if qualified in MUTATING_FUNCTIONS:
            yield from hit(call, call.args[0], call.args[0], f"`{qualified}()`")
        elif qualified is None and isinstance(func, ast.Name) and func.id in MUTATING_BUILTINS:
            yield from hit(call, call.args[0], call.args[0], f"`{func.id}()`")


def _flat_targets(targets: Iterable[ast.expr]) -> Iterator[ast.expr]:
    for target in targets:
        if isinstance(target, (ast.Tuple, ast.List)):
            yield from _flat_targets(target.elts)
        elif isinstance(target, ast.Starred):
            yield from _flat_targets([target.value])
        else:
            yield target


def _match(obj: ast.expr, names: set[str]) -> Optional[tuple[str, ast.expr]]:
    """The tracked name or expression ``obj`` is, or is reached from through attributes
    and items (``cfg.items[0]`` is reached from ``cfg``); calls break the chain, since
    ``cfg.copy()`` is another object."""
    current: ast.expr = obj
    while True:
        text = dotted(current)
        if text is not None and text in names:
            return text, current
        if isinstance(current, (ast.Attribute, ast.Subscript)):
            current = current.value
            continue
        return None


def _related(restored: str, changed: str) -> bool:
    """The same place, or one contains the other (``cfg`` and ``cfg['a']``)."""
    if restored == changed:
        return True
    shorter, longer = sorted((restored, changed), key=len)
    return longer.startswith(shorter) and longer[len(shorter)] in ".["
