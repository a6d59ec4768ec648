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
from typing import Optional, Sequence

from .facts import ModuleFacts, Parametrize, TestDef
from .mutation import FunctionScope, dotted
from .names import NameResolver

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
