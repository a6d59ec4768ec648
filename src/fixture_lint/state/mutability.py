"""What makes a value mutable, statically.

Mutable (a change made through one reference is seen through every other):

- list, dict and set displays and comprehensions; ``[x] * n`` and ``[a] + [b]``,
- ``list()``, ``dict()``, ``set()``, ``bytearray()``, ``sorted()``,
- ``collections.defaultdict/OrderedDict/Counter/deque/ChainMap``,
  ``types.SimpleNamespace``, ``argparse.Namespace``,
- instances of non-frozen dataclasses (and attrs classes) defined in the analysed module,
- ``copy.copy(x)`` / ``copy.deepcopy(x)`` of one of these,
- a module-level name bound to one of these, and, inside a function, a local name bound
  to one of these before the place where it is used (``data = {}; ...; return data``).

Not mutable (or not known to be): tuples, frozensets, ``types.MappingProxyType``,
frozen dataclasses, namedtuples, strings, numbers and other constants, functions and
lambdas (a factory returns a new object per call), and anything else whose type cannot
be read from the code (a call to an unknown function or class).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from ..model.bodies import BodyIndex
from ..model.facts import SCOPE_RANK, FixtureDef, FunctionNode, ModuleFacts, Parametrize, TestDef
from ..model.hierarchy import FixtureIndex
from .mutation import FunctionScope, Mutation, dotted, find_mutations
from ..model.names import NameResolver

MUTABLE_CALLS = {
    "collections.defaultdict": "a `collections.defaultdict`",
    "collections.OrderedDict": "a `collections.OrderedDict`",
    "collections.Counter": "a `collections.Counter`",
    "collections.deque": "a `collections.deque`",
    "collections.ChainMap": "a `collections.ChainMap`",
    "types.SimpleNamespace": "a `types.SimpleNamespace`",
    "argparse.Namespace": "an `argparse.Namespace`",
}
"""Qualified names of callables that build a new mutable container."""

MUTABLE_BUILTINS = {
    "list": ("list", "a list"),
    "dict": ("dict", "a dict"),
    "set": ("set", "a set"),
    "bytearray": ("bytearray", "a bytearray"),
    "sorted": ("list", "a list"),
}
"""Builtins (when the module does not rebind the name) that return a new mutable value."""

COPY_CALLS = frozenset({"copy.copy", "copy.deepcopy"})

INPLACE_KINDS = frozenset(
    {
        "list", "dict", "set", "bytearray",
        "collections.defaultdict", "collections.OrderedDict", "collections.Counter",
        "collections.deque",
    }
)
"""Kinds where ``x += ...`` (``|=``, ``-=``) changes the object instead of rebinding."""

_DATACLASS_DECORATORS = frozenset({"dataclasses.dataclass"})
_ATTRS_MUTABLE = frozenset({"attr.s", "attr.attrs", "attr.define", "attr.mutable", "attrs.define", "attrs.mutable"})
_MAX_DEPTH = 8


@dataclass(frozen=True)
class MutableValue:
    """An expression known to build (or name) a mutable value."""

    kind: str
    """``list``, ``dict``, ``set``, ``bytearray``, a qualified name such as
    ``collections.deque``, or ``dataclass Name``."""
    description: str
    """For messages: ``a list``, ``an instance of dataclass `Config```."""
    node: ast.expr
    """The expression that builds the value (after following names)."""

    @property
    def inplace_operators(self) -> bool:
        """Whether ``x += ...`` changes this value in place."""
        return self.kind in INPLACE_KINDS

    @property
    def is_display(self) -> bool:
        """A list, set or dict display (``[...]``, ``{...}``), the shape a fix can freeze."""
        return isinstance(self.node, (ast.List, ast.Set, ast.Dict))


class Mutability:
    """Answers "does this expression build a mutable value?" for one module.

    ``module`` is the module's tree (only its top-level statements are read, for the
    dataclasses it defines), ``constants`` its module-level assignments and
    ``resolver`` its imports.
    """

    def __init__(self, module: ast.Module, constants: dict[str, ast.expr], resolver: NameResolver) -> None:
        self.module = module
        self.constants = constants
        self.resolver = resolver
        self._classes: Optional[dict[str, bool]] = None
        self._defined: set[str] = set()

    def of(
        self,
        expr: Optional[ast.expr],
        scope: Optional[FunctionScope] = None,
        resolver: Optional[NameResolver] = None,
        _depth: int = 0,
    ) -> Optional[MutableValue]:
        """The mutable value ``expr`` builds, or ``None`` when it is immutable or unknown.

        With ``scope`` (the enclosing function), a local name is followed to the latest
        plain assignment before ``expr``; without it, names are module-level constants.
        ``resolver`` defaults to the module's (pass a function's ``BodyIndex.resolver``
        to see its local imports).
        """
        if expr is None or _depth > _MAX_DEPTH:
            return None
        resolver = resolver or self.resolver
        depth = _depth + 1
        if isinstance(expr, (ast.List, ast.ListComp)):
            return MutableValue("list", "a list", expr)
        if isinstance(expr, (ast.Dict, ast.DictComp)):
            return MutableValue("dict", "a dict", expr)
        if isinstance(expr, (ast.Set, ast.SetComp)):
            return MutableValue("set", "a set", expr)
        if isinstance(expr, ast.BinOp):
            return self._binop(expr, scope, resolver, depth)
        if isinstance(expr, ast.IfExp):
            return self.of(expr.body, scope, resolver, depth) or self.of(expr.orelse, scope, resolver, depth)
        if isinstance(expr, ast.NamedExpr):
            return self.of(expr.value, scope, resolver, depth)
        if isinstance(expr, ast.Call):
            return self._call(expr, scope, resolver, depth)
        if isinstance(expr, ast.Name):
            return self._name(expr, scope, resolver, depth)
        return None

    def _binop(
        self, expr: ast.BinOp, scope: Optional[FunctionScope], resolver: NameResolver, depth: int
    ) -> Optional[MutableValue]:
        # ``[x] * n``, ``n * [x]``, ``[a] + [b]``: only list displays are certain.
        if isinstance(expr.op, ast.Mult):
            for side in (expr.left, expr.right):
                if isinstance(side, (ast.List, ast.ListComp)):
                    return MutableValue("list", "a list", expr)
        if isinstance(expr.op, ast.Add) and isinstance(expr.left, (ast.List, ast.ListComp)):
            return MutableValue("list", "a list", expr)
        return None

    def _call(
        self, expr: ast.Call, scope: Optional[FunctionScope], resolver: NameResolver, depth: int
    ) -> Optional[MutableValue]:
        func = expr.func
        qualified = resolver.qualified_name(func)
        if qualified in MUTABLE_CALLS:
            return MutableValue(qualified, MUTABLE_CALLS[qualified], expr)
        if qualified in COPY_CALLS and expr.args:
            copied = self.of(expr.args[0], scope, resolver, depth)
            if copied is not None:
                return MutableValue(copied.kind, copied.description, expr)
            return None
        if qualified is not None or not isinstance(func, ast.Name):
            return None
        if func.id in MUTABLE_BUILTINS and not self._rebound(func.id, scope):
            kind, description = MUTABLE_BUILTINS[func.id]
            return MutableValue(kind, description, expr)
        if scope is not None and scope.binding_before(func.id, expr) is not None:
            return None
        frozen = self.classes().get(func.id)
        if frozen is False:
            return MutableValue(f"dataclass {func.id}", f"an instance of dataclass `{func.id}`", expr)
        return None

    def _name(
        self, expr: ast.Name, scope: Optional[FunctionScope], resolver: NameResolver, depth: int
    ) -> Optional[MutableValue]:
        if scope is not None:
            binding = scope.binding_before(expr.id, expr)
            if binding is not None:
                if binding.value is None:
                    return None
                return self.of(binding.value, scope, resolver, depth)
            if _is_parameter(scope, expr.id):
                return None
        value = self.constants.get(expr.id)
        if value is None:
            return None
        return self.of(value, None, self.resolver, depth)

    def _rebound(self, name: str, scope: Optional[FunctionScope]) -> bool:
        if name in self.constants or name in self.classes() or name in self._defined:
            return True
        return scope is not None and bool(scope.bindings(name))

    def classes(self) -> dict[str, bool]:
        """Dataclasses (and attrs classes) defined at module level -> whether frozen.

        Other classes are not listed: their instances' mutability is not known."""
        if self._classes is None:
            found: dict[str, bool] = {}
            for stmt in self.module.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    self._defined.add(stmt.name)
                if isinstance(stmt, ast.ClassDef):
                    frozen = self._dataclass_frozen(stmt)
                    if frozen is not None:
                        found[stmt.name] = frozen
            self._classes = found
        return self._classes

    def _dataclass_frozen(self, node: ast.ClassDef) -> Optional[bool]:
        """``True``/``False`` for a (frozen / non-frozen) dataclass, else ``None``."""
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            qualified = self.resolver.qualified_name(target)
            if qualified is None:
                continue
            if qualified in ("attrs.frozen", "attr.frozen"):
                return True
            if qualified in _DATACLASS_DECORATORS or qualified in _ATTRS_MUTABLE:
                if isinstance(decorator, ast.Call):
                    for keyword in decorator.keywords:
                        if keyword.arg == "frozen":
                            value = keyword.value
                            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                                return value.value
                            return None  # frozen=<expression>: not known
                return False
        return None


def _is_parameter(scope: FunctionScope, name: str) -> bool:
    args = scope.function.args
    every = args.posonlyargs + args.args + args.kwonlyargs
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return any(arg.arg == name for arg in every)


def returned_values(scope: FunctionScope) -> list[tuple[ast.AST, ast.expr]]:
    """What a fixture hands out: ``(yield node, value)`` for a generator fixture, else
    ``(return statement, value)``; bare ``return``/``yield`` are left out."""
    found: list[tuple[ast.AST, ast.expr]] = []
    yields = scope.yields()
    if yields:
        for node in yields:
            if isinstance(node, ast.Yield) and node.value is not None:
                found.append((node, node.value))
        return found
    for statement in scope.returns():
        if statement.value is not None:
            found.append((statement, statement.value))
    return found


def handed_on(requested: Sequence[str], scope: FunctionScope) -> Optional[str]:
    """The requested fixture whose value a fixture hands on unchanged (``def app(base_app):
    return base_app``, ``def client(client): yield client``), else ``None``.

    Every ``return``/``yield`` must hand on the same parameter, not rebound before; a
    generator with code after its ``yield`` is left out, since its teardown may reset
    the value (a changed copy of it is then not shared)."""
    found = returned_values(scope)
    if not found:
        return None
    names = set()
    for node, value in found:
        if not isinstance(value, ast.Name) or value.id not in requested:
            return None
        if scope.binding_before(value.id, value) is not None:
            return None
        names.add(value.id)
    if len(names) != 1:
        return None
    if scope.is_generator():
        last = scope.function.body[-1]
        if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Yield)) or len(found) != 1:
            return None
        if found[0][0] is not last.value:
            return None
    return names.pop()


def is_request_param(expr: ast.expr, scope: FunctionScope) -> bool:
    """``request.param``, directly or through a local name bound to it."""
    text = dotted(expr)
    if text == "request.param":
        return True
    if isinstance(expr, ast.Name):
        binding = scope.binding_before(expr.id, expr)
        return binding is not None and binding.value is not None and dotted(binding.value) == "request.param"
    return False


# -- parametrize data ------------------------------------------------------------------------
def applicable_parametrize(facts: ModuleFacts, test: TestDef) -> list[Parametrize]:
    """Every parametrize that applies to ``test``: its own decorators, those of its class
    and enclosing classes (decorators and class ``pytestmark``), and the module's
    ``pytestmark``."""
    found = list(test.parametrize)
    if test.class_name is not None:
        classes = {c.name: c for c in facts.classes}
        parts = test.class_name.split(".")
        for depth in range(len(parts), 0, -1):
            klass = classes.get(".".join(parts[:depth]))
            if klass is not None:
                found.extend(klass.parametrize)
    found.extend(facts.pytestmark_parametrize)
    return found


def is_indirect(parametrize: Parametrize, argname: str) -> bool:
    """Whether ``argname`` goes to the fixture of that name (``indirect=``)."""
    if isinstance(parametrize.indirect, bool):
        return parametrize.indirect
    return argname in parametrize.indirect


def parametrize_cases(argvalues: Optional[ast.expr], constants: dict[str, ast.expr]) -> list[ast.expr]:
    """The cases of ``argvalues``: the items of a list or tuple display, also through a
    module-level name bound to one. Anything else (a call, a comprehension) is not read."""
    if isinstance(argvalues, ast.Name):
        argvalues = constants.get(argvalues.id)
    if isinstance(argvalues, (ast.List, ast.Tuple)) and not any(
        isinstance(item, ast.Starred) for item in argvalues.elts
    ):
        return list(argvalues.elts)
    return []


def case_values(case: ast.expr, count: int, resolver: NameResolver) -> Optional[list[ast.expr]]:
    """The values one case gives to ``count`` argnames: the case itself for one argname,
    the items of a tuple/list for several, the arguments of ``pytest.param(...)``."""
    if isinstance(case, ast.Call) and resolver.qualified_name(case.func) == "pytest.param":
        if any(isinstance(arg, ast.Starred) for arg in case.args):
            return None
        if count == 1:
            return [case.args[0]] if case.args else None
        return list(case.args) if len(case.args) == count else None
    if count == 1:
        return [case]
    if isinstance(case, (ast.Tuple, ast.List)) and len(case.elts) == count:
        if any(isinstance(item, ast.Starred) for item in case.elts):
            return None
        return list(case.elts)
    return None


def shared_names(value: ast.expr) -> list[ast.Name]:
    """Names whose object a value holds as is: the value itself, or the items of the
    list/tuple/set/dict displays it is built of (not ``*x`` or ``**x``, which copy)."""
    found: list[ast.Name] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            found.append(node)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            stack.extend(item for item in node.elts if not isinstance(item, ast.Starred))
        elif isinstance(node, ast.Dict):
            stack.extend(v for k, v in zip(node.keys, node.values) if k is not None)
    return found


# -- who receives a wide fixture's value, in one module -------------------------------------
@dataclass(frozen=True)
class Consumer:
    """A test or fixture of the analysed module that receives a fixture's value."""

    name: str
    kind: str
    """``test`` or ``fixture``."""
    node: FunctionNode
    rank: int
    """Its scope's rank (a test is function-scoped)."""
    param: str
    """The parameter the value comes in as (the fixture's name, or that of a fixture
    of this module that hands the value on unchanged)."""

    @property
    def label(self) -> str:
        return f"{self.kind} `{self.name}`"


@dataclass(frozen=True)
class ConsumerMutation:
    """A narrower consumer that changes the value in place (not undone in its teardown)."""

    consumer: Consumer
    mutation: Mutation


BodyOf = Callable[[ast.AST], BodyIndex]

_SAFE_READ_CALLS = frozenset(
    {"len", "list", "tuple", "dict", "set", "frozenset", "sorted", "iter", "any", "all", "sum",
     "min", "max", "enumerate", "zip", "reversed", "bool", "print", "repr", "str"}
)
"""Builtins that only read their argument and accept a tuple, frozenset or read-only
mapping as well as a list, set or dict (``dict(x)`` copies a mapping proxy too)."""

_SAFE_READ_METHODS = frozenset({"get", "keys", "values", "items", "count", "index", "issubset", "issuperset",
                                "isdisjoint", "union", "intersection", "difference", "__contains__"})
"""Methods that list/tuple, set/frozenset and dict/``MappingProxyType`` share and that
return a new value or a read (``copy`` is left out: a proxy's copy is a dict, but a
list's ``copy`` becomes unavailable on a tuple)."""


class ModuleConsumers:
    """Who, in one module, receives the value of one of its fixtures, and what they do
    with it: the tests and fixtures that request it (resolved the way pytest does, so a
    nearer override is not a consumer), also through a fixture of the module that hands
    the value on unchanged (``def client(app): return app``).

    Only the module's own functions are read; for a fixture of a test module that is
    every consumer, for a conftest.py fixture it is the conftest's own fixtures."""

    def __init__(self, facts: ModuleFacts, index: FixtureIndex, path: Path, body: BodyOf) -> None:
        self.facts = facts
        self.index = index
        self.path = path
        self.body = body
        self._resolved: dict[tuple[str, Optional[str]], Optional[FixtureDef]] = {}
        self._scopes: dict[int, FunctionScope] = {}

    # -- resolution ----------------------------------------------------------------------
    def resolves_to(self, name: str, class_name: Optional[str]) -> Optional[FixtureDef]:
        """The fixture of this module that ``name`` means in ``class_name`` (else ``None``)."""
        key = (name, class_name)
        if key not in self._resolved:
            definition = self.index.resolve(name, self.path, self.facts, class_name)
            found = definition.fixture if definition is not None else None
            self._resolved[key] = found if found is not None and any(found is f for f in self.facts.fixtures) else None
        return self._resolved[key]

    def scope_of(self, node: FunctionNode) -> FunctionScope:
        scope = self._scopes.get(id(node))
        if scope is None:
            scope = self._scopes[id(node)] = FunctionScope(node, self.body(node))
        return scope

    def _requests(self, requested: Sequence[str], class_name: Optional[str], target: FixtureDef, own: Optional[FixtureDef]) -> bool:
        return any(
            name != (own.name if own is not None else None) and self.resolves_to(name, class_name) is target
            for name in requested
        )

    def carriers(self, fixture: FixtureDef) -> list[FixtureDef]:
        """``fixture`` and the fixtures of the module that hand its value on unchanged."""
        found = [fixture]
        for _ in range(3):
            added = False
            for other in self.facts.fixtures:
                if other.node is None or any(other is f for f in found):
                    continue
                handed = handed_on(other.requested, self.scope_of(other.node))
                if handed is None or handed == other.name:
                    continue
                if any(self.resolves_to(handed, other.class_name) is f for f in found):
                    found.append(other)
                    added = True
            if not added:
                break
        return found

    def consumers(self, fixture: FixtureDef) -> list[Consumer]:
        """The tests and fixtures of the module that receive ``fixture``'s value."""
        found: list[Consumer] = []
        carriers = self.carriers(fixture)
        for carrier in carriers:
            for test in self.facts.tests:
                if test.node is not None and self._requests(test.requested, test.class_name, carrier, None):
                    found.append(Consumer(test.name, "test", test.node, 0, carrier.name))
            for other in self.facts.fixtures:
                if other.node is None or other.scope is None or other is fixture:
                    continue
                if self._requests(other.requested, other.class_name, carrier, other):
                    found.append(Consumer(other.name, "fixture", other.node, SCOPE_RANK[other.scope], carrier.name))
        return found

    def mutations(self, fixture: FixtureDef, kind: Optional[MutableValue] = None) -> list[ConsumerMutation]:
        """The consumers narrower than ``fixture`` that change its value in place (a
        change a same-scope fixture makes is set-up, done once per value)."""
        if fixture.scope is None:
            return []
        rank = SCOPE_RANK[fixture.scope]
        inplace = kind is not None and kind.inplace_operators
        found: list[ConsumerMutation] = []
        for consumer in self.consumers(fixture):
            if consumer.rank >= rank:
                continue
            roots = [consumer.param]
            for mutation in find_mutations(consumer.node, self.scope_of(consumer.node), roots, roots if inplace else ())[:1]:
                found.append(ConsumerMutation(consumer, mutation))
        return found

    # -- tests that share one value ---------------------------------------------------------
    def reaching_tests(self, fixture: FixtureDef) -> list[TestDef]:
        """The tests of the module that get ``fixture``'s value built for them: they
        request it, or a fixture of the module that requests it (at any depth), or are
        under an autouse fixture that does."""
        reach: list[FixtureDef] = [fixture]
        for _ in range(len(self.facts.fixtures)):
            added = False
            for other in self.facts.fixtures:
                if any(other is f for f in reach):
                    continue
                if any(self._requests(other.requested, other.class_name, f, other) for f in reach):
                    reach.append(other)
                    added = True
            if not added:
                break
        autouse = [f for f in reach if f.autouse]
        found = []
        for test in self.facts.tests:
            names = list(test.requested) + list(test.usefixtures)
            if any(self._requests(names, test.class_name, f, None) for f in reach) or any(
                f.class_name is None or f.class_name == test.class_name or (test.class_name or "").startswith(f.class_name + ".")
                for f in autouse
            ):
                found.append(test)
        return found

    def shared_by_several_runs(self, fixture: FixtureDef, tests: Sequence[TestDef]) -> bool:
        """Whether one value of ``fixture`` reaches two test runs or more: two tests (in
        the same class, for a class-scoped fixture), or a parametrized one."""
        groups: dict[Optional[str], int] = {}
        for test in tests:
            key = test.class_name if fixture.scope == "class" else None
            runs = 2 if applicable_parametrize(self.facts, test) else 1
            groups[key] = groups.get(key, 0) + runs
        return any(count >= 2 for count in groups.values())

    # -- how the consumers read it --------------------------------------------------------
    def only_read_as_any_container(self, fixture: FixtureDef) -> bool:
        """Every use of the value in every consumer reads it in a way that a tuple,
        frozenset or ``types.MappingProxyType`` serves as well: items, iteration,
        ``in``, ``len()``, copies into a new container (``dict(x)``, ``list(x)``),
        ``.get/.keys/.values/.items/.count/.index``, unpacking. Anything else (passed to
        a function, compared with ``==``, concatenated, returned, aliased) might need
        the real type, so it is not."""
        for consumer in self.consumers(fixture):
            scope = self.scope_of(consumer.node)
            body = scope.body
            parents = _parents(consumer.node)
            for name in body.of(ast.Name):
                if name.id != consumer.param or not isinstance(name.ctx, ast.Load) or not scope.in_body(name):
                    continue
                if not _read_only_use(name, parents, body):
                    return False
        return True


def _parents(function: ast.AST) -> dict[int, ast.AST]:
    # One walk of a (short) consumer function, only when a fix is considered.
    found: dict[int, ast.AST] = {}
    for node in ast.walk(function):
        for child in ast.iter_child_nodes(node):
            found[id(child)] = node
    return found


def _read_only_use(name: ast.Name, parents: dict[int, ast.AST], body: BodyIndex) -> bool:
    parent = parents.get(id(name))
    if isinstance(parent, ast.Subscript) and parent.value is name:
        return isinstance(parent.ctx, ast.Load)
    if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is name:
        return True
    if isinstance(parent, ast.comprehension) and parent.iter is name:
        return True
    if isinstance(parent, ast.Compare) and name is not parent.left and all(
        isinstance(op, (ast.In, ast.NotIn)) for op in parent.ops
    ):
        return True
    if isinstance(parent, ast.Assign) and parent.value is name:
        return all(isinstance(t, (ast.Tuple, ast.List)) for t in parent.targets)
    if isinstance(parent, ast.Attribute) and parent.value is name:
        call = parents.get(id(parent))
        return isinstance(call, ast.Call) and call.func is parent and parent.attr in _SAFE_READ_METHODS
    if isinstance(parent, ast.Call) and name in parent.args and isinstance(parent.func, ast.Name):
        return parent.func.id in _SAFE_READ_CALLS and body.qualified_name(parent.func) is None
    if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
        return True
    if isinstance(parent, (ast.If, ast.While, ast.Assert)) and parent.test is name:
        return True
    return False


# -- who changes a parametrize value ----------------------------------------------------------
REQUEST_PARAM = "request.param"

_CONTAINER_WRITES = frozenset(
    {"item assignment", "attribute assignment", "augmented assignment", "item deletion", "attribute deletion"}
)


def changes_held_object(mutation: Mutation) -> bool:
    """Whether ``mutation`` changes something *held by* the received value (``arg[0]["k"] = 1``,
    ``arg["opts"].append(1)``) rather than the received container itself (``arg.append(1)``,
    ``arg[0] = 1``): for a case value built as a display around a shared object
    (``[SHARED, 1]``), only the former reaches the shared object."""
    changed = mutation.target.value if mutation.how in _CONTAINER_WRITES and isinstance(
        mutation.target, (ast.Subscript, ast.Attribute)
    ) else mutation.target
    return dotted(changed) != mutation.name


@dataclass(frozen=True)
class ParameterMutation:
    """A test or fixture that changes a value it receives from parametrize or ``params=``."""

    who: str
    """``test `name``` or ``fixture `name```."""
    mutation: Mutation


def _fixture_mutation(
    consumers: ModuleConsumers, fixture: FixtureDef, inplace: bool, held: bool
) -> tuple[Optional[ParameterMutation], bool]:
    """The first change a fixture makes to ``request.param``, and whether it hands
    ``request.param`` itself on to its tests."""
    if fixture.node is None:
        return None, False
    if any(fixture is f for f in consumers.facts.fixtures):
        scope = consumers.scope_of(fixture.node)
    else:
        definition = consumers.index.resolve(fixture.name, consumers.path, consumers.facts)
        facts = consumers.index.modules.facts(definition.path) if definition and definition.path else None
        if facts is None:
            return None, False
        scope = FunctionScope(fixture.node, BodyIndex(fixture.node, facts.resolver))
    roots = [REQUEST_PARAM]
    for mutation in find_mutations(fixture.node, scope, roots, roots if inplace else ()):
        if not held or changes_held_object(mutation):
            return ParameterMutation(f"fixture `{fixture.name}`", mutation), False
    passes = any(is_request_param(value, scope) for _, value in returned_values(scope))
    return None, passes


def _test_mutation(consumers: ModuleConsumers, test: TestDef, argname: str, inplace: bool, held: bool) -> Optional[ParameterMutation]:
    if test.node is None:
        return None
    roots = [argname]
    for mutation in find_mutations(test.node, consumers.scope_of(test.node), roots, roots if inplace else ()):
        if not held or changes_held_object(mutation):
            return ParameterMutation(f"test `{test.name}`", mutation)
    return None


def parametrize_value_mutated(
    consumers: ModuleConsumers, decorator: ast.Call, argname: str, inplace: bool, held: bool
) -> Optional[ParameterMutation]:
    """The first test (or the indirect fixture it sends the value to) that changes the
    value ``argname`` gets from the parametrize ``decorator``; ``held``: the shared
    object is held inside the case value (only changes reaching into it count)."""
    facts = consumers.facts
    for test in facts.tests:
        for parametrize in applicable_parametrize(facts, test):
            if parametrize.node is not decorator or argname not in parametrize.argnames:
                continue
            if not is_indirect(parametrize, argname):
                found = _test_mutation(consumers, test, argname, inplace, held)
            else:
                definition = consumers.index.resolve(argname, consumers.path, facts, test.class_name)
                fixture = definition.fixture if definition is not None else None
                if fixture is None:
                    break
                found, passes = _fixture_mutation(consumers, fixture, inplace, held)
                if found is None and passes:
                    found = _test_mutation(consumers, test, argname, inplace, held)
            if found is not None:
                return found
            break
    return None


def fixture_param_mutated(consumers: ModuleConsumers, fixture: FixtureDef, inplace: bool, held: bool) -> Optional[ParameterMutation]:
    """The fixture, or a test it hands ``request.param`` on to, that changes a value of
    its ``params=``."""
    found, passes = _fixture_mutation(consumers, fixture, inplace, held)
    if found is not None or not passes:
        return found
    for test in consumers.facts.tests:
        if fixture.name in test.requested and consumers.resolves_to(fixture.name, test.class_name) is fixture:
            found = _test_mutation(consumers, test, fixture.name, inplace, held)
            if found is not None:
                return found
    return None
