"""Facts of one module, from one pass over its top-level and class-level statements.

What pytest would see in the module without importing it: fixtures (name, scope,
autouse, params, the fixtures they request), tests (requested fixtures, parametrize,
marks), ``pytestmark``, ``pytest_plugins`` and module-level constants. Function bodies
are not walked here; rules that need them walk the bodies they care about.
"""
from __future__ import annotations

import ast
import bisect
import builtins
import fnmatch
from dataclasses import dataclass, field
from typing import Collection, Iterator, Optional, Sequence, Union

from .names import NameResolver

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]

FIXTURE_DECORATORS = frozenset(
    {
        "pytest.fixture",
        "pytest.yield_fixture",
        "_pytest.fixtures.fixture",
        "pytest_asyncio.fixture",
    }
)
SCOPES = ("function", "class", "module", "package", "session")
SCOPE_RANK = {name: rank for rank, name in enumerate(SCOPES)}


@dataclass(frozen=True)
class TestNaming:
    """pytest's ``python_classes`` and ``python_functions`` (prefixes or globs)."""

    classes: tuple[str, ...] = ("Test",)
    functions: tuple[str, ...] = ("test",)

    def is_test_class(self, name: str) -> bool:
        return _matches_prefix_or_glob(name, self.classes)

    def is_test_function(self, name: str) -> bool:
        return _matches_prefix_or_glob(name, self.functions)


def _matches_prefix_or_glob(name: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        if name.startswith(pattern):
            return True
        if any(ch in pattern for ch in "*?[") and fnmatch.fnmatchcase(name, pattern):
            return True
    return False


@dataclass
class Mark:
    """``@pytest.mark.NAME(...)``, ``pytestmark`` entries; ``name`` is ``NAME``."""

    name: str
    node: ast.expr = field(repr=False, compare=False)


@dataclass
class Parametrize:
    """One ``@pytest.mark.parametrize(argnames, argvalues, ...)`` decorator."""

    argnames: tuple[str, ...]
    argvalues: Optional[ast.expr] = field(repr=False, compare=False)
    indirect: Union[bool, tuple[str, ...]]
    node: ast.Call = field(repr=False, compare=False)


@dataclass
class FixtureDef:
    """A fixture definition found in the analysed code."""

    name: str
    function: str
    scope: Optional[str]
    """``None`` when the scope is dynamic (a callable) or otherwise not known statically."""
    autouse: bool
    requested: tuple[str, ...]
    lineno: int
    col: int
    is_async: bool
    class_name: Optional[str] = None
    params: Optional[ast.expr] = field(default=None, repr=False, compare=False)
    node: Optional[FunctionNode] = field(default=None, repr=False, compare=False)
    decorator: Optional[ast.expr] = field(default=None, repr=False, compare=False)

    abstract: bool = False
    """The body ends in ``raise NotImplementedError``: a placeholder meant to be overridden."""

    @property
    def requests_itself(self) -> bool:
        return self.name in self.requested


@dataclass
class TestDef:
    """A test function or test method."""

    name: str
    class_name: Optional[str]
    requested: tuple[str, ...]
    usefixtures: tuple[str, ...]
    parametrize: list[Parametrize]
    marks: list[Mark]
    lineno: int
    node: Optional[FunctionNode] = field(default=None, repr=False, compare=False)


@dataclass
class ClassFacts:
    """A class that holds tests or fixtures; ``name`` is dotted for nested classes."""

    name: str
    is_test_class: bool
    marks: list[Mark]
    parametrize: list[Parametrize]
    usefixtures: tuple[str, ...]
    node: Optional[ast.ClassDef] = field(default=None, repr=False, compare=False)
    bases: tuple[ast.expr, ...] = field(default=(), repr=False, compare=False)
    methods: list[TestDef] = field(default_factory=list, repr=False, compare=False)
    """The test-named methods its body defines, collected here or not: a subclass that
    is a test class collects them too (``model.inheritance``)."""
    attributes: frozenset[str] = frozenset()
    """The names its body binds (functions, assignments): they hide a base's test."""


@dataclass
class ModuleFacts:
    """Everything the rules need to know about one module, without running it."""

    fixtures: list[FixtureDef] = field(default_factory=list)
    tests: list[TestDef] = field(default_factory=list)
    classes: list[ClassFacts] = field(default_factory=list)
    pytestmark: list[Mark] = field(default_factory=list)
    pytestmark_parametrize: list[Parametrize] = field(default_factory=list)
    pytestmark_usefixtures: tuple[str, ...] = ()
    pytest_plugins: tuple[str, ...] = ()
    from_imports: list[ImportedName] = field(default_factory=list, repr=False)
    """The ``from ... import ...`` names of the module's top level (and its
    ``if``/``try``/``with`` blocks): the ways a fixture defined elsewhere becomes one of
    this module's, as pytest registers every fixture object a module holds."""
    constants: dict[str, ast.expr] = field(default_factory=dict, repr=False)
    resolver: NameResolver = field(default_factory=NameResolver, repr=False)

    def fixtures_named(self, name: str) -> list[FixtureDef]:
        return [fixture for fixture in self.fixtures if fixture.name == name]


def collect_facts(tree: ast.Module, naming: TestNaming = TestNaming()) -> ModuleFacts:
    """Read the facts of a module from its ``ast`` tree (one pass, no imports run)."""
    collector = _Collector(naming)
    collector.module(tree)
    return collector.facts


class _Collector:
    def __init__(self, naming: TestNaming) -> None:
        self.naming = naming
        self.facts = ModuleFacts()

    # -- statements -----------------------------------------------------------------
    def module(self, tree: ast.Module) -> None:
        for stmt in _flatten(tree.body):
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                self.facts.resolver.add_import(stmt)
                if isinstance(stmt, ast.ImportFrom):
                    self.facts.from_imports.extend(_imported_names(stmt))
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.facts.resolver.bind_local(stmt.name)
                self.function(stmt, class_name=None, in_test_class=False)
            elif isinstance(stmt, ast.ClassDef):
                self.facts.resolver.bind_local(stmt.name)
                self.klass(stmt, outer=None)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                self.assignment(stmt)

    def assignment(self, stmt: ast.Assign | ast.AnnAssign) -> None:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        value = stmt.value
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            self.facts.resolver.bind_local(target.id)
            if value is None:
                continue
            self.facts.constants[target.id] = value
            if target.id == "pytest_plugins":
                self.facts.pytest_plugins = _string_items(value)
            elif target.id == "pytestmark":
                marks = self.marks_of(value)
                self.facts.pytestmark = marks
                self.facts.pytestmark_parametrize = self.parametrize_of(marks)
                self.facts.pytestmark_usefixtures = _usefixtures(marks)

    def klass(self, node: ast.ClassDef, outer: Optional[str]) -> None:
        name = node.name if outer is None else f"{outer}.{node.name}"
        is_test = self.naming.is_test_class(node.name) and not any(
            isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__init__"
            for stmt in node.body
        )
        marks = [mark for dec in node.decorator_list for mark in self.marks_of(dec)]
        statements = _flatten(node.body)
        for stmt in statements:
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets
            ):
                marks.extend(self.marks_of(stmt.value))
        klass = ClassFacts(
            name=name,
            is_test_class=is_test,
            marks=marks,
            parametrize=self.parametrize_of(marks),
            usefixtures=_usefixtures(marks),
            node=node,
            bases=tuple(node.bases),
            attributes=frozenset(_bound_names(statements)),
        )
        self.facts.classes.append(klass)
        for stmt in statements:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                test = self.function(stmt, class_name=name, in_test_class=is_test)
                if test is not None:
                    klass.methods.append(test)
            elif isinstance(stmt, ast.ClassDef):
                self.klass(stmt, outer=name)

    def function(self, node: FunctionNode, class_name: Optional[str], in_test_class: bool) -> Optional[TestDef]:
        """Record a fixture or a test; returns the test-named function (in a class that
        is no test class too, though pytest collects it there only through a subclass)."""
        fixture_decorator = None
        for decorator in node.decorator_list:
            if self.qualified(decorator) in FIXTURE_DECORATORS:
                fixture_decorator = decorator
                break
        if fixture_decorator is not None:
            self.facts.fixtures.append(self.fixture(node, fixture_decorator, class_name))
            return None
        if not self.naming.is_test_function(node.name):
            return None
        marks = [mark for dec in node.decorator_list for mark in self.marks_of(dec)]
        test = TestDef(
            name=node.name,
            class_name=class_name,
            requested=_requested_arguments(node, is_method=class_name is not None),
            usefixtures=_usefixtures(marks),
            parametrize=self.parametrize_of(marks),
            marks=marks,
            lineno=node.lineno,
            node=node,
        )
        if class_name is None or in_test_class:
            self.facts.tests.append(test)
        return test

    # -- fixtures -------------------------------------------------------------------
    def fixture(self, node: FunctionNode, decorator: ast.expr, class_name: Optional[str]) -> FixtureDef:
        name = node.name
        scope: Optional[str] = "function"
        autouse = False
        params: Optional[ast.expr] = None
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if keyword.arg == "name":
                    alias = _string(keyword.value)
                    if alias is not None:
                        name = alias
                elif keyword.arg == "scope":
                    scope = self.scope_of(keyword.value)
                elif keyword.arg == "autouse":
                    autouse = isinstance(keyword.value, ast.Constant) and keyword.value.value is True
                elif keyword.arg == "params":
                    params = keyword.value
                elif keyword.arg is None:  # **kwargs: nothing is known any more
                    scope = None
        marks = [mark for dec in node.decorator_list for mark in self.marks_of(dec)]
        requested = _requested_arguments(node, is_method=class_name is not None)
        requested += tuple(n for n in _usefixtures(marks) if n not in requested)
        return FixtureDef(
            name=name,
            function=node.name,
            scope=scope,
            autouse=autouse,
            requested=requested,
            lineno=node.lineno,
            col=node.col_offset,
            is_async=isinstance(node, ast.AsyncFunctionDef),
            class_name=class_name,
            params=params,
            node=node,
            decorator=decorator,
            abstract=_raises_not_implemented(node),
        )

    def scope_of(self, value: ast.expr) -> Optional[str]:
        literal = _string(value)
        if literal is None and isinstance(value, ast.Name):
            literal = _string(self.facts.constants.get(value.id))
        return literal if literal in SCOPE_RANK else None

    # -- marks ----------------------------------------------------------------------
    def qualified(self, node: ast.AST) -> Optional[str]:
        if isinstance(node, ast.Call):
            node = node.func
        return self.facts.resolver.qualified_name(node)

    def marks_of(self, value: Optional[ast.expr]) -> list[Mark]:
        if value is None:
            return []
        if isinstance(value, (ast.List, ast.Tuple)):
            return [mark for item in value.elts for mark in self.marks_of(item)]
        qualified = self.qualified(value)
        if qualified and qualified.startswith("pytest.mark.") and qualified.count(".") == 2:
            return [Mark(name=qualified.rsplit(".", 1)[1], node=value)]
        return []

    def parametrize_of(self, marks: list[Mark]) -> list[Parametrize]:
        found = []
        for mark in marks:
            if mark.name != "parametrize" or not isinstance(mark.node, ast.Call):
                continue
            call = mark.node
            argnames_node = call.args[0] if call.args else _keyword(call, "argnames")
            argvalues = call.args[1] if len(call.args) > 1 else _keyword(call, "argvalues")
            indirect_node = _keyword(call, "indirect")
            indirect: Union[bool, tuple[str, ...]] = False
            if isinstance(indirect_node, ast.Constant):
                indirect = bool(indirect_node.value)
            elif indirect_node is not None:
                indirect = _string_items(indirect_node)
            found.append(
                Parametrize(
                    argnames=_argnames(argnames_node),
                    argvalues=argvalues,
                    indirect=indirect,
                    node=call,
                )
            )
        return found


# -- helpers ------------------------------------------------------------------------
_NESTING = tuple(
    getattr(ast, name) for name in ("If", "Try", "TryStar", "With", "AsyncWith") if hasattr(ast, name)
)


def _flatten(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements of a block, looking into ``if``/``try``/``with`` at the same level (the
    block itself when it has none, as most have)."""
    for stmt in body:
        if isinstance(stmt, _NESTING):
            return list(_flatten_nested(body))
    return body


def _flatten_nested(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from _flatten_nested(stmt.body)
            yield from _flatten_nested(stmt.orelse)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            yield from _flatten_nested(stmt.body)  # type: ignore[attr-defined]
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                yield from _flatten_nested(handler.body)
            yield from _flatten_nested(stmt.orelse)  # type: ignore[attr-defined]
            yield from _flatten_nested(stmt.finalbody)  # type: ignore[attr-defined]
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            yield from _flatten_nested(stmt.body)
        else:
            yield stmt


def _bound_names(statements: list[ast.stmt]) -> Iterator[str]:
    """The names a block's statements (flattened) bind: functions, classes, assignments."""
    for stmt in statements:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield stmt.name
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                if isinstance(target, ast.Name):
                    yield target.id


def _raises_not_implemented(node: FunctionNode) -> bool:
    last = node.body[-1] if node.body else None
    if not isinstance(last, ast.Raise) or last.exc is None:
        return False
    exc = last.exc.func if isinstance(last.exc, ast.Call) else last.exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def _requested_arguments(node: FunctionNode, is_method: bool) -> tuple[str, ...]:
    """The fixture names a function requests: its parameters without defaults.

    Like pytest, the first parameter of a method (``self``/``cls``) is not a fixture,
    unless the method is a ``staticmethod``.
    """
    args = node.args
    positional = list(args.posonlyargs) + list(args.args)
    if positional and args.defaults:
        positional = positional[: len(positional) - len(args.defaults)]
    if is_method and positional and not _is_staticmethod(node):
        positional = positional[1:]
    keyword_only = [arg for arg, default in zip(args.kwonlyargs, args.kw_defaults) if default is None]
    return tuple(arg.arg for arg in positional + keyword_only)


def _is_staticmethod(node: FunctionNode) -> bool:
    return any(isinstance(dec, ast.Name) and dec.id == "staticmethod" for dec in node.decorator_list)


def _usefixtures(marks: list[Mark]) -> tuple[str, ...]:
    names: list[str] = []
    for mark in marks:
        if mark.name == "usefixtures" and isinstance(mark.node, ast.Call):
            for arg in mark.node.args:
                value = _string(arg)
                if value is not None:
                    names.append(value)
    return tuple(names)


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _string(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _string_items(node: ast.expr) -> tuple[str, ...]:
    single = _string(node)
    if single is not None:
        return (single,)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return tuple(s for s in (_string(elt) for elt in node.elts) if s is not None)
    return ()


def _argnames(node: Optional[ast.expr]) -> tuple[str, ...]:
    single = _string(node)
    if single is not None:
        return tuple(part.strip() for part in single.split(",") if part.strip())
    if node is not None:
        return _string_items(node)
    return ()


# -- where a definition sits, what a module imports, what a body is ------------------
# Read by FXL401 to tell a second definition that silently wins from a deliberate one.

Branch = tuple[tuple[int, int], ...]
"""The ``if``/``try`` arms around a statement, outermost first: ``(id(node), arm)``.
For ``if``: arm 0 is the body, 1 the ``else``. For ``try``: 0 the body, 1.. the
handlers, -1 the ``else`` and -2 the ``finally`` (which run together with the body)."""


@dataclass(frozen=True)
class Placement:
    """Where a module- or class-level statement sits: its branch and its block's size."""

    branch: Branch
    block_size: int
    """How many statements the block holding it has (deleting the only one breaks it)."""


def definition_placements(tree: ast.Module) -> dict[int, Placement]:
    """``id(stmt)`` -> Placement, for the statements of the module body and of class
    bodies (nested classes too), looking into ``if``/``try``/``with`` as ``_flatten`` does."""
    found: dict[int, Placement] = {}

    def block(body: list[ast.stmt], branch: Branch) -> None:
        for stmt in body:
            found[id(stmt)] = Placement(branch, len(body))
            if isinstance(stmt, ast.If):
                block(stmt.body, branch + ((id(stmt), 0),))
                block(stmt.orelse, branch + ((id(stmt), 1),))
            elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
                block(stmt.body, branch + ((id(stmt), 0),))  # type: ignore[attr-defined]
                for number, handler in enumerate(stmt.handlers, 1):  # type: ignore[attr-defined]
                    block(handler.body, branch + ((id(stmt), number),))
                block(stmt.orelse, branch + ((id(stmt), -1),))  # type: ignore[attr-defined]
                block(stmt.finalbody, branch + ((id(stmt), -2),))  # type: ignore[attr-defined]
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                block(stmt.body, branch)
            elif isinstance(stmt, ast.ClassDef):
                block(stmt.body, ())

    block(tree.body, ())
    return found


def exclusive_branches(first: Branch, second: Branch) -> bool:
    """Whether two statements can never both run: they sit in different arms of one
    ``if``/``else``, or in a ``try`` body and one of its handlers (or two handlers)."""
    for (node_a, arm_a), (node_b, arm_b) in zip(first, second):
        if node_a != node_b:
            return False
        if arm_a != arm_b:
            return -2 not in (arm_a, arm_b) and {arm_a, arm_b} != {0, -1}
    return False


@dataclass(frozen=True)
class ImportedName:
    """A module-level ``from MODULE import NAME [as ALIAS]`` (or ``*``)."""

    bound: str
    """The module attribute it binds (``ALIAS`` or ``NAME``; ``*`` for a star import)."""
    name: str
    module: str
    level: int
    node: ast.alias = field(repr=False, compare=False)
    statement: ast.ImportFrom = field(repr=False, compare=False)

    @property
    def lineno(self) -> int:
        return self.statement.lineno

    @property
    def source(self) -> str:
        return "." * self.level + self.module


def _imported_names(stmt: ast.ImportFrom) -> list[ImportedName]:
    return [
        ImportedName(
            bound=alias.asname or alias.name,
            name=alias.name,
            module=stmt.module or "",
            level=stmt.level,
            node=alias,
            statement=stmt,
        )
        for alias in stmt.names
    ]


# Module dunders (``__name__``, ``__file__``...) differ per module, though some are in builtins.
_BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("__"))
_WHERE_AM_I = frozenset(
    {"inspect.currentframe", "inspect.stack", "inspect.getfile", "inspect.getsourcefile", "sys._getframe"}
)


@dataclass(frozen=True)
class BodyFingerprint:
    """A fixture function as text, normalised to compare two definitions."""

    decorated: str
    """Decorators, parameters and body as ``ast`` sees them (no comments, no positions),
    without the docstring, the function's own name and (for a method) its ``self``."""
    undecorated: str
    """The same without the fixture decorator's ``scope=``."""
    portable: bool
    """Every name the function reads from outside is a builtin or an import (shown by
    its qualified name), none a module's own global: the text means the same anywhere."""
    located: bool
    """It asks where it is defined (``__file__``, ``__name__``, ``inspect.currentframe``):
    the same text means the same only in the same directory, at best."""


def body_fingerprint(node: FunctionNode, resolver: NameResolver, is_method: bool = False) -> BodyFingerprint:
    """The normalised text of a fixture function (see :class:`BodyFingerprint`)."""
    arguments = node.args
    if is_method and not _is_staticmethod(node):
        positional = list(arguments.posonlyargs) + list(arguments.args)
        if positional:
            arguments = ast.arguments(
                posonlyargs=[], args=positional[1:], vararg=arguments.vararg,
                kwonlyargs=arguments.kwonlyargs, kw_defaults=arguments.kw_defaults,
                kwarg=arguments.kwarg, defaults=arguments.defaults,
            )
    stored: set[str] = {arg.arg for arg in ast.walk(arguments) if isinstance(arg, ast.arg)}
    loads: list[ast.Name] = []
    portable, located = True, False
    for child in ast.walk(node):
        if child is node:
            continue
        if isinstance(child, ast.Name):
            if isinstance(child.ctx, ast.Load):
                loads.append(child)
            else:
                stored.add(child.id)
        elif isinstance(child, ast.arg):
            stored.add(child.arg)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(child.name)
        elif isinstance(child, (ast.Global, ast.Nonlocal)):
            portable = False
        elif isinstance(child, ast.Call) and resolver.qualified_name(child.func) in _WHERE_AM_I:
            located = True
    qualified: dict[str, str] = {}
    for load in loads:
        if load.id in stored or load.id in qualified:
            continue
        name = resolver.qualified_name(load)
        if name is not None:
            qualified[load.id] = name
        elif load.id in ("__file__", "__name__"):
            located = True
        elif load.id not in _BUILTIN_NAMES:
            portable = False
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    common = [type(node).__name__, ast.dump(arguments)]
    common += [ast.dump(stmt) for stmt in body]
    if node.returns is not None:
        common.append(ast.dump(node.returns))
    common.append(repr(sorted(qualified.items())))
    decorators = [ast.dump(decorator) for decorator in node.decorator_list]
    unscoped = [ast.dump(_without_scope(decorator)) for decorator in node.decorator_list]
    return BodyFingerprint(
        decorated="\n".join(decorators + common),
        undecorated="\n".join(unscoped + common),
        portable=portable,
        located=located,
    )


def _without_scope(decorator: ast.expr) -> ast.expr:
    if not isinstance(decorator, ast.Call) or not any(k.arg == "scope" for k in decorator.keywords):
        return decorator
    keywords = [k for k in decorator.keywords if k.arg != "scope"]
    if not keywords and not decorator.args:
        return decorator.func
    return ast.Call(func=decorator.func, args=decorator.args, keywords=keywords)


def is_trivial_body(node: FunctionNode) -> bool:
    """The body does nothing: ``pass``, ``...``, a docstring, ``return``/``yield`` of
    nothing or ``None`` (the idiom that switches an inherited autouse fixture off)."""
    for stmt in node.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Yield):
            value = stmt.value.value
        elif isinstance(stmt, ast.Return):
            value = stmt.value
        else:
            return False
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            return False
    return True


def name_is_referenced(tree: ast.Module, name: str, outside: Sequence[ast.AST], lines: Optional[Collection[int]] = None) -> bool:
    """Whether ``name`` is read anywhere in the module but inside ``outside``: a
    module-level (or class-level) function's own Python name used by other code, as
    ``name`` or ``obj.name``. Reads inside a function that binds ``name`` itself (a
    parameter, a local) mean that local, not the module's name.

    One walk that keeps, for each node, the functions whose body holds it; only a
    function around a matching read is asked whether it binds ``name``. Given ``lines``
    (where the name's text occurs), the walk reads only the statements that hold one of
    them, looking into class bodies statement by statement."""
    skipped = {id(root) for root in outside}
    binds: dict[int, bool] = {}

    def binds_name(function: Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda]) -> bool:
        found = binds.get(id(function))
        if found is None:
            body = function.body if isinstance(function.body, list) else [function.body]
            found = any(isinstance(a, ast.arg) and a.arg == name for a in ast.walk(function.args)) or any(
                isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
                for stmt in body
                for n in ast.walk(stmt)
            )
            binds[id(function)] = found
        return found

    Around = tuple[Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda], ...]
    roots: list[ast.AST] = [tree] if lines is None else _statements_holding(tree.body, sorted(lines))
    stack: list[tuple[ast.AST, Around]] = [(root, ()) for root in roots]
    while stack:
        node, around = stack.pop()
        if id(node) in skipped:
            continue
        if (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)) or (
            isinstance(node, ast.Attribute) and node.attr == name
        ):
            if not any(binds_name(function) for function in around):
                return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            outer = [node.args, *(node.decorator_list if not isinstance(node, ast.Lambda) else ())]
            stack.extend((child, around) for child in outer)
            inner: list[ast.AST] = list(node.body) if isinstance(node.body, list) else [node.body]
            if not isinstance(node, ast.Lambda) and node.returns is not None:
                inner.append(node.returns)  # not read when the function binds the name
            stack.extend((child, around + (node,)) for child in inner)
            continue
        stack.extend((child, around) for child in ast.iter_child_nodes(node))
    return False


def _statements_holding(body: Sequence[ast.stmt], lines: Sequence[int]) -> list[ast.AST]:
    """The statements of ``body`` whose lines (decorators included) hold one of ``lines``
    (sorted); a class is opened: its decorators, bases and keywords whole, and its body
    statement by statement (a class body is no function scope, so nothing is lost)."""
    found: list[ast.AST] = []
    for stmt in body:
        first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        last = stmt.end_lineno or stmt.lineno
        index = bisect.bisect_left(lines, first)
        if index == len(lines) or lines[index] > last:
            continue
        if isinstance(stmt, ast.ClassDef):
            found.extend([*stmt.decorator_list, *stmt.bases, *stmt.keywords])
            found.extend(_statements_holding(stmt.body, lines))
        else:
            found.append(stmt)
    return found
