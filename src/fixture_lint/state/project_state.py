"""State written inside the project's own code, reached through its API (FXL308).

A test calls ``register(handler)``; ``register`` (in the project's ``pkg/registry.py``)
does ``_REGISTRY[name] = handler``: the next test sees the handler. The write question
is answered with the same project-function summaries as the clock (``state.summaries``):
each function's *write summary* says which shared project state it adds to, which it
clears or restores, and which it reads:

- module-level names it rebinds through ``global`` (a rebinding to the module's initial
  value, ``_CONFIG = None``, is a reset; a rebinding under ``if _X is None:`` is a lazy
  initialisation, the same in every order, so not a write);
- item writes and the mutating methods of known containers (``state.mutability``,
  ``state.mutation``) on its module's module-level objects: ``_REGISTRY[k] = v``,
  ``_HOOKS.append(f)``, ``_CACHE.setdefault(k, v)`` (``del``, ``pop``, ``remove``,
  ``discard``, ``clear`` are clears);
- attributes of module-level classes and instances (``Config.debug = True``,
  ``cls._instance = ...`` in a classmethod, ``self._handlers[k] = v`` in a method called
  on a module-level instance ``registry.register(x)``, or through ``register =
  registry.register``);
- what the project calls it makes write, at most ``MAX_DEPTH`` deep.

A function that returns shared state (a lazily built singleton, a module-level object, a
``functools.lru_cache``'d mutable value) *hands it out*: a test that changes the returned
object writes that state.

State lives in ``<module path>:<dotted name>`` keys. Its readers are the project's own
functions that read it (the state's module) and the tests that call them; state nothing
reads cannot leak. Modules are parsed only when a test's call reaches them, once, through
the run's module cache; never imported.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

from ..model.bodies import BodyIndex
from ..model.loader import ParsedModule
from .mutability import Mutability
from .mutation import container_kind, method_mutates
from .summaries import Callee, ModuleRef, ProjectFunctions, Summaries

if TYPE_CHECKING:
    from ..model.hierarchy import FixtureIndex

CLEARING_METHODS = frozenset({"clear", "pop", "popitem", "popleft", "remove", "discard"})
"""Container methods that take something out: an undo of an add."""

CACHE_DECORATORS = frozenset({"functools.lru_cache", "functools.cache"})

PATCH_METHODS = frozenset({"setattr", "setitem", "delattr", "delitem"})
"""``monkeypatch`` methods: each restores its target at teardown."""


@dataclass(frozen=True)
class SharedState:
    """One piece of project state: a module global, a container's items, an attribute of
    a module-level class or instance, or a cached value."""

    key: str
    """``<module path>:<dotted>``."""
    dotted: str
    """``_REGISTRY``, ``Registry._handlers``, ``registry._handlers``, ``settings()``."""
    path: Path
    guards: frozenset[str]
    """The names a patch may name to guard it (``_REGISTRY``; ``_handlers``, ``Registry``)."""


@dataclass(frozen=True)
class StateWrite:
    state: SharedState
    line: int
    """Where the project code writes it."""
    through: str
    """The project function whose statement writes it (``register``)."""
    rebinds: bool = False
    """A rebinding (``_MODE = value``, ``Config.debug = value``), not an added item: a
    second call of the same setter sets it back."""


@dataclass
class WriteSummary:
    """What a project function does to shared project state."""

    writes: dict[str, StateWrite] = field(default_factory=dict)
    clears: dict[str, StateWrite] = field(default_factory=dict)
    reads: dict[str, int] = field(default_factory=dict)
    """Key -> line of the first read."""
    hands_out: Optional[SharedState] = None
    """The shared object it returns (a singleton, a cached mutable value)."""

    def merge(self, other: WriteSummary) -> None:
        for key, write in other.writes.items():
            self.writes.setdefault(key, write)
        for key, write in other.clears.items():
            self.clears.setdefault(key, write)
        for key, line in other.reads.items():
            self.reads.setdefault(key, line)

    def __bool__(self) -> bool:
        return bool(self.writes or self.clears or self.reads or self.hands_out)


@dataclass
class _ModuleInfo:
    """What a project module holds at module level."""

    ref: ModuleRef
    tree: ast.Module
    classes: dict[str, ast.ClassDef]
    instances: dict[str, str]
    """Module-level name -> the class (defined here) it is an instance of."""
    containers: dict[str, Optional[str]]
    """Module-level name bound to a known mutable value -> its container kind."""
    attribute_kinds: dict[str, Optional[str]]
    """``Class.attr`` -> container kind, from the class body and ``__init__``."""
    bound_aliases: dict[str, tuple[str, str]]
    """``register = registry.register`` -> (``registry``, ``register``)."""


Bound = tuple[str, str]
"""(owner as written in the state's name, class name): what ``self``/``cls`` mean."""


class ProjectWrites:
    """The write summaries of the project's functions and methods, for one run."""

    def __init__(self, index: FixtureIndex) -> None:
        # its own finder: the clock's byte gate (``words``) is not this question's
        self.functions = ProjectFunctions(index)
        self.summaries: Summaries[WriteSummary] = self.functions.aspect(
            "writes", self, lambda: Summaries(self.functions, self._summarise)
        )
        self._infos: dict[Path, Optional[_ModuleInfo]] = {}
        self._bound: dict[str, Bound] = {}
        self._readers: dict[Path, dict[str, tuple[str, int]]] = {}
        self._methods: dict[str, Optional[Callee]] = {}

    # -- calls -------------------------------------------------------------------------

    def of_call(self, call: ast.Call, body: BodyIndex, module: ModuleRef, depth: int = 0) -> Optional[tuple[Callee, WriteSummary]]:
        """The project function or method ``call`` reaches, and its write summary."""
        callee = self.callee(call.func, body, module, None)
        if callee is None:
            return None
        return self.summaries.of_callee(callee, depth)

    def callee(self, func: ast.expr, body: BodyIndex, module: ModuleRef, bound: Optional[Bound]) -> Optional[Callee]:
        found = self.functions.callee(func, body.resolver, module)
        if found is not None:
            return found
        if not isinstance(func, ast.Attribute):
            return self._alias(func, body, module)
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls") and bound is not None:
            return self._method(module.path, bound[0], bound[1], func.attr, func.attr)
        if isinstance(owner, ast.Name) and body.resolver.qualified_name(owner) is None:
            return self._member(module.path, owner.id, func.attr, f"{owner.id}.{func.attr}")
        qualified = body.resolver.qualified_name(owner)
        if qualified is None or "." not in qualified:
            return None
        dotted, _, name = qualified.rpartition(".")
        path = self._module_path(module.path, dotted)
        if path is None:
            return None
        return self._member(path, name, func.attr, f"{name}.{func.attr}")

    def _alias(self, func: ast.expr, body: BodyIndex, module: ModuleRef) -> Optional[Callee]:
        """``register(x)`` where the module defines ``register = registry.register``."""
        if not isinstance(func, ast.Name):
            return None
        qualified = body.resolver.qualified_name(func)
        if qualified is None:
            path: Optional[Path] = module.path
            name = func.id
        else:
            dotted, _, name = qualified.rpartition(".")
            path = self._module_path(module.path, dotted) if dotted else None
        if path is None:
            return None
        info = self.info(path)
        if info is None or name not in info.bound_aliases:
            return None
        instance, method = info.bound_aliases[name]
        return self._member(path, instance, method, func.id)

    def _member(self, path: Path, owner: str, method: str, written: str) -> Optional[Callee]:
        info = self.info(path)
        if info is None:
            return None
        if owner in info.classes:
            return self._method(path, owner, owner, method, written)
        if owner in info.instances:
            return self._method(path, owner, info.instances[owner], method, written)
        return None

    def _method(self, path: Path, owner: str, class_name: str, method: str, written: str) -> Optional[Callee]:
        info = self.info(path)
        if info is None or class_name not in info.classes:
            return None
        key = f"{path}:{owner}.{method}"
        if key in self._methods:
            found = self._methods[key]
            return None if found is None else Callee(key, written, found.node, found.module, found.body)
        made: Optional[Callee] = None
        for stmt in info.classes[class_name].body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == method:
                self._bound[key] = (owner, class_name)
                made = Callee(key, written, stmt, info.ref, BodyIndex(stmt, info.ref.resolver))
                break
        self._methods[key] = made
        return made

    def _module_path(self, requester: Path, dotted: str) -> Optional[Path]:
        if dotted.lstrip(".").split(".", 1)[0] in _stdlib_roots():
            return None
        return self.functions._module_path(requester, dotted)

    # -- modules -----------------------------------------------------------------------

    def info(self, path: Path) -> Optional[_ModuleInfo]:
        if path in self._infos:
            return self._infos[path]
        found: Optional[_ModuleInfo] = None
        parsed = self.functions.index.modules.get(path)
        if isinstance(parsed, ParsedModule):
            ref = ModuleRef.of(path, parsed.tree, parsed.facts.resolver, parsed.facts.constants)
            found = _module_info(ref, parsed.tree)
        self._infos[path] = found
        return found

    def add_module(self, ref: ModuleRef, tree: ast.Module) -> None:
        """The module under analysis (already parsed): never parsed again."""
        if ref.path not in self._infos:
            self._infos[ref.path] = _module_info(ref, tree)

    def project_readers(self, state: SharedState) -> dict[str, tuple[str, int]]:
        """Key -> (function, line) of the first function of the state's module that reads it."""
        found = self._readers.get(state.path)
        if found is None:
            found = {}
            info = self.info(state.path)
            if info is not None:
                for callee in self._module_callees(info):
                    summary = self.summaries.of_callee(callee, 0)
                    if summary is None:
                        continue
                    for key, line in summary[1].reads.items():
                        found.setdefault(key, (callee.name, line))
            self._readers[state.path] = found
        return found

    def _module_callees(self, info: _ModuleInfo) -> Iterator[Callee]:
        for name, node in info.ref.functions.items():
            yield Callee(f"{info.ref.path}:{name}", name, node, info.ref, BodyIndex(node, info.ref.resolver))
        owners: dict[str, list[str]] = {name: [name] for name in info.classes}
        for instance, class_name in info.instances.items():
            owners.setdefault(class_name, []).append(instance)
        for class_name, names in owners.items():
            if class_name not in info.classes:
                continue
            for stmt in info.classes[class_name].body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    for owner in names:
                        found = self._method(info.ref.path, owner, class_name, stmt.name, f"{owner}.{stmt.name}")
                        if found is not None:
                            yield found

    # -- summaries ---------------------------------------------------------------------

    def _summarise(self, callee: Callee, depth: int) -> Optional[WriteSummary]:
        info = self.info(callee.module.path)
        if info is None:
            return None
        walk = _Walk(self, info, callee, self._bound.get(callee.key), depth)
        summary = walk.run()
        return summary if summary else None


def _module_info(ref: ModuleRef, tree: ast.Module) -> _ModuleInfo:
    mutability = Mutability(tree, ref.constants, ref.resolver)
    classes = {stmt.name: stmt for stmt in tree.body if isinstance(stmt, ast.ClassDef)}
    instances: dict[str, str] = {}
    containers: dict[str, Optional[str]] = {}
    aliases: dict[str, tuple[str, str]] = {}
    for name, value in ref.constants.items():
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in classes:
            instances[name] = value.func.id
            continue
        mutable = mutability.of(value)
        if mutable is not None:
            containers[name] = container_kind(mutable.kind)
    for name, value in ref.constants.items():
        if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
            if value.value.id in instances or value.value.id in classes:
                aliases[name] = (value.value.id, value.attr)
    kinds: dict[str, Optional[str]] = {}
    for class_name, node in classes.items():
        for stmt in node.body:
            targets: list[ast.expr] = (
                stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            )
            class_value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            for target in targets:
                mutable = mutability.of(class_value)
                if isinstance(target, ast.Name) and mutable is not None:
                    kinds[f"{class_name}.{target.id}"] = container_kind(mutable.kind)
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
                for inner in ast.walk(stmt):
                    if isinstance(inner, ast.Assign) and len(inner.targets) == 1:
                        target = inner.targets[0]
                        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                            mutable = mutability.of(inner.value)
                            if mutable is not None:
                                kinds[f"{class_name}.{target.attr}"] = container_kind(mutable.kind)
    return _ModuleInfo(ref, tree, classes, instances, containers, kinds, aliases)


class _Walk:
    """One walk over one project function's own statements."""

    def __init__(self, owner: ProjectWrites, info: _ModuleInfo, callee: Callee, bound: Optional[Bound], depth: int) -> None:
        self.owner = owner
        self.info = info
        self.callee = callee
        self.bound = bound
        self.depth = depth
        self.summary = WriteSummary()
        body = self.body = callee.body  # the function's one-walk index (nested defs included)
        args = callee.node.args
        params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
        self.globals = {name for node in body.of(ast.Global) for name in node.names}
        stored = {node.id for node in body.of(ast.Name) if not isinstance(node.ctx, ast.Load)}
        self.params = params
        self.locals = (params | stored) - self.globals
        self.written: set[int] = set()
        """ids of the nodes that are the object of a write (not reads)."""
        self._parents: Optional[dict[int, ast.AST]] = None
        yields = [(n.lineno, n.col_offset) for n in [*body.of(ast.Yield), *body.of(ast.YieldFrom)]]
        self.first_yield = min(yields) if yields else None
        self._hits: Optional[dict[str, tuple[int, int]]] = None
        self.last_write: dict[str, tuple[int, int]] = {}
        self.last_clear: dict[str, tuple[int, int]] = {}
        self.returns = [node for node in body.of(ast.Return) if node.value is not None]
        self.returned_names = {
            inner.id for node in self.returns if node.value is not None for inner in ast.walk(node.value) if isinstance(inner, ast.Name)
        }

    @property
    def parents(self) -> dict[int, ast.AST]:
        """Child id -> parent, built only when a write needs its context."""
        if self._parents is None:
            self._parents = {}
            for node in ast.walk(self.callee.node):
                for child in ast.iter_child_nodes(node):
                    self._parents[id(child)] = node
        return self._parents

    def state(self, dotted: str, guards: set[str]) -> SharedState:
        path = self.info.ref.path
        return SharedState(f"{path}:{dotted}", dotted, path, frozenset(guards))

    def add(
        self, state: SharedState, node: ast.AST, clear: bool = False, through: Optional[StateWrite] = None, rebinds: bool = False
    ) -> None:
        if not clear and self.restoring(node):
            clear = True
        if not clear and self.memoised(node, state.key):
            return
        position = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        positions = self.last_clear if clear else self.last_write
        positions[state.key] = max(positions.get(state.key, position), position)
        into = self.summary.clears if clear else self.summary.writes
        into.setdefault(
            state.key,
            through if through is not None else StateWrite(state, position[0], self.callee.name.rpartition(".")[2], rebinds),
        )

    def restoring(self, node: ast.AST) -> bool:
        """In a ``finally:`` block, or after the ``yield`` of a generator (a context
        manager's exit): a write there puts the state back."""
        if self.first_yield is not None and (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)) > self.first_yield:
            return True
        child: ast.AST = node
        parent = self.parents.get(id(child))
        while parent is not None:
            if isinstance(parent, ast.Try) and any(child is stmt for stmt in parent.finalbody):
                return True
            child, parent = parent, self.parents.get(id(parent))
        return False

    def memoised(self, node: ast.AST, key: str) -> bool:
        """A store that fills a cache on a miss: in the miss branch of a test of the same
        state (``if k not in _CACHE:``, ``if _X is None:``, the ``else`` of ``if k in
        _CACHE:``, an ``except`` of a ``try`` that reads it), or of a value the function
        returns (``_CACHE[k] = value; return value``)."""
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if isinstance(node.value, ast.Name):
                names.append(node.value.id)
            if any(name in self.returned_names and name in self.locals for name in names):
                return True
        if key in self.hit_returns and (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)) > self.hit_returns[key]:
            return True
        child: ast.AST = node
        parent = self.parents.get(id(child))
        while parent is not None:
            if isinstance(parent, ast.If) and key in self.keys_in(parent.test):
                negative = _is_negative(parent.test)
                if (negative and any(child is stmt for stmt in parent.body)) or (
                    not negative and any(child is stmt for stmt in parent.orelse)
                ):
                    return True
            if isinstance(parent, ast.Try) and any(child is handler for handler in parent.handlers):
                if any(key in self.keys_in(stmt) for stmt in parent.body):
                    return True
            child, parent = parent, self.parents.get(id(parent))
        return False

    def _builds_initial_state(self) -> bool:
        """A method ``__init__`` calls (``def __init__(self): self.reset()``): what it sets
        is the object's initial state, so calling it again is a reset."""
        if self.bound is None or self.callee.node.name == "__init__":
            return False
        klass = self.info.classes.get(self.bound[1])
        if klass is None:
            return False
        for stmt in klass.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
                for inner in ast.walk(stmt):
                    if (
                        isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                        and isinstance(inner.func.value, ast.Name) and inner.func.value.id == "self"
                        and inner.func.attr == self.callee.node.name
                    ):
                        return True
        return False

    @property
    def hit_returns(self) -> dict[str, tuple[int, int]]:
        """Key -> position of an ``if k in _CACHE: ... return`` (a cache hit returned
        early): the stores after it fill the cache on a miss."""
        if self._hits is None:
            self._hits = {}
            for node in self.body.of(ast.If):
                if not _is_negative(node.test) and any(
                    isinstance(s, ast.Return) and s.value is not None and not isinstance(s.value, ast.Constant) for s in node.body
                ):  # a registry's ``if name in _R: return`` returns nothing: not a cache
                    for key in self.keys_in(node.test):
                        self._hits.setdefault(key, (node.lineno, node.col_offset))
        return self._hits

    def keys_in(self, node: ast.AST) -> set[str]:
        found: set[str] = set()
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name) and inner.id not in self.locals and (
                inner.id in self.info.ref.constants or inner.id in self.globals
            ):
                found.add(self.state(inner.id, set()).key)
            elif isinstance(inner, ast.Attribute):
                state = self.target_state(inner)
                if state is not None:
                    found.add(state[0].key)
        return found

    def nested_state(self, node: ast.expr) -> Optional[tuple[SharedState, Optional[str], bool]]:
        """``target_state`` of ``node`` or of what it is reached from (``_BY_TASK[t]``,
        ``registry._handlers[k]``), and whether it was reached through items."""
        found = self.target_state(node)
        if found is not None:
            return found[0], found[1], False
        steps = 0
        while isinstance(node, ast.Subscript) and steps < 4:
            node = node.value
            steps += 1
            found = self.target_state(node)
            if found is not None:
                return found[0], found[1], True
        return None

    def target_state(self, node: ast.expr) -> Optional[tuple[SharedState, Optional[str]]]:
        """The shared state ``node`` (the object written into) is, with its container kind."""
        if isinstance(node, ast.Name):
            if node.id in self.locals or node.id not in self.info.containers:
                return None
            return self.state(node.id, {node.id}), self.info.containers[node.id]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            base = node.value.id
            if base in ("self", "cls") and self.bound is not None and base not in self.globals:
                owner, class_name = self.bound
                if base == "self" and owner == class_name:
                    return None  # ``self`` of an instance we do not know: a per-object attribute
                return self.state(f"{owner}.{node.attr}", {node.attr, owner}), self.info.attribute_kinds.get(f"{class_name}.{node.attr}")
            if base in self.locals:
                return None
            if base in self.info.classes:
                return self.state(f"{base}.{node.attr}", {node.attr, base}), self.info.attribute_kinds.get(f"{base}.{node.attr}")
            if base in self.info.instances:
                class_name = self.info.instances[base]
                return self.state(f"{base}.{node.attr}", {node.attr, base}), self.info.attribute_kinds.get(f"{class_name}.{node.attr}")
        return None

    def run(self) -> WriteSummary:
        lazy = self._lazy_names()
        body = self.body
        statements: list[ast.stmt] = [*body.of(ast.Assign), *body.of(ast.AugAssign), *body.of(ast.AnnAssign), *body.of(ast.Delete)]
        for statement in statements:
            self._statement(statement, lazy)
        for call in body.of(ast.Call):
            self._call(call)
        constants = self.info.ref.constants
        for name in body.of(ast.Name):
            if isinstance(name.ctx, ast.Load) and id(name) not in self.written:
                if (name.id in constants and name.id not in self.locals) or name.id in self.globals:
                    self.summary.reads.setdefault(self.state(name.id, set()).key, name.lineno)
        for attribute in body.of(ast.Attribute):
            if isinstance(attribute.ctx, ast.Load) and id(attribute) not in self.written and isinstance(attribute.value, ast.Name):
                found = self.target_state(attribute)
                if found is not None:
                    self.summary.reads.setdefault(found[0].key, attribute.lineno)
        self._hands_out(lazy)
        self._drop_memoised()
        for key, cleared in self.last_clear.items():  # written, then put back by the function itself
            if key in self.last_write and cleared > self.last_write[key]:
                self.summary.writes.pop(key, None)
        return self.summary

    def _drop_memoised(self) -> None:
        """A getter that fills a cache on a miss (``try: return _CACHE[k] except KeyError:
        _CACHE[k] = v``, ``return _SEEN``) returns what it stores: the same in every order,
        so its stores are not writes."""
        returned: set[str] = set()
        for node in self.returns:
            if node.value is not None:
                for inner in ast.walk(node.value):
                    if isinstance(inner, ast.Name) and inner.id in self.info.ref.constants and inner.id not in self.locals:
                        returned.add(self.state(inner.id, set()).key)
                    elif isinstance(inner, ast.Attribute):
                        found = self.target_state(inner)
                        if found is not None:
                            returned.add(found[0].key)
        for key in returned:
            self.summary.writes.pop(key, None)

    def _lazy_names(self) -> set[str]:
        """Globals assigned only under ``if NAME is None:`` / ``if not NAME:``."""
        found: set[str] = set()
        if not self.globals:
            return found
        for node in self.body.of(ast.If):
            test = node.test
            name: Optional[str] = None
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name):
                name = test.operand.id
            elif (
                isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and len(test.ops) == 1
                and isinstance(test.ops[0], ast.Is) and isinstance(test.comparators[0], ast.Constant)
                and test.comparators[0].value is None
            ):
                name = test.left.id
            if name in self.globals and name is not None:
                found.add(name)
        return found

    def _statement(self, node: ast.stmt, lazy: set[str]) -> None:
        if isinstance(node, ast.Delete):
            for target in node.targets:
                nested = self.nested_state(target.value) if isinstance(target, ast.Subscript) else None
                if isinstance(target, ast.Attribute):
                    direct = self.target_state(target)
                    nested = (direct[0], direct[1], False) if direct is not None else None
                elif isinstance(target, ast.Name) and target.id in self.globals:
                    nested = (self.state(target.id, {target.id}), None, False)
                if nested is not None:
                    self.written.add(id(target.value) if isinstance(target, ast.Subscript) else id(target))
                    self.add(nested[0], node, clear=True)
            return
        if not isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        for target in targets:
            for part in ast.walk(target) if isinstance(target, (ast.Tuple, ast.List)) else [target]:
                self._target(node, part, value, lazy)

    def _target(self, node: ast.stmt, target: ast.AST, value: Optional[ast.expr], lazy: set[str]) -> None:
        if isinstance(target, ast.Name) and target.id in self.globals:
            if target.id in lazy and not isinstance(node, ast.AugAssign):
                return
            initial = self.info.ref.constants.get(target.id)
            reset = value is not None and initial is not None and ast.dump(value) == ast.dump(initial)
            saved = isinstance(value, ast.Name) and value.id in self.locals and value.id not in self.params  # ``_X = saved``: a write-back
            self.add(self.state(target.id, {target.id}), node, clear=reset or saved, rebinds=True)
        elif isinstance(target, ast.Subscript):
            nested = self.nested_state(target.value)
            if nested is not None:
                self.written.add(id(target.value))
                whole = isinstance(target.slice, ast.Slice) and target.slice.lower is None and target.slice.upper is None
                initial = self.info.ref.constants.get(target.value.id) if isinstance(target.value, ast.Name) else None
                reset = whole and value is not None and initial is not None and ast.dump(value) == ast.dump(initial)
                if not reset and not self.params - {"self", "cls"} and not isinstance(node, ast.AugAssign):
                    return  # a function of no arguments fills the same items on every call
                self.add(nested[0], node, clear=reset)
        elif isinstance(target, ast.Attribute):
            found = self.target_state(target)
            if found is not None:
                initial = _class_initial(self.info, found[0].dotted)
                reset = value is not None and initial is not None and ast.dump(value) == ast.dump(initial)
                reset = reset or self._builds_initial_state()
                self.add(found[0], node, clear=reset, rebinds=True)

    def _call(self, call: ast.Call) -> None:
        func = call.func
        if isinstance(func, ast.Attribute):
            found = self.nested_state(func.value)
            if found is not None and method_mutates(call, func.attr, found[1], found[2]):
                self.written.add(id(func.value))
                self.add(found[0], call, clear=func.attr in CLEARING_METHODS)
                return
        inner_callee = self.owner.callee(func, self.callee.body, self.callee.module, self.bound)
        if inner_callee is None:
            return
        inner = self.owner.summaries.of_callee(inner_callee, self.depth + 1)
        if inner is None:
            return
        summary = inner[1]
        for write in summary.writes.values():
            self.add(write.state, call, through=write)
        for write in summary.clears.values():
            self.add(write.state, call, clear=True, through=write)
        for key, line in summary.reads.items():
            self.summary.reads.setdefault(key, line)

    def _hands_out(self, lazy: set[str]) -> None:
        """A singleton getter (``return _instance`` of a lazily set global), a getter of a
        module-level object, or an ``lru_cache`` of a mutable value."""
        returns = self.returns
        if len(returns) != 1:
            return
        value = returns[0].value
        if isinstance(value, ast.Name) and value.id not in self.locals:
            if value.id in lazy or value.id in self.info.containers or value.id in self.info.instances:
                self.summary.hands_out = self.state(value.id, {value.id})
                return
        decorated = any(
            self.callee.body.qualified_name(d.func if isinstance(d, ast.Call) else d) in CACHE_DECORATORS
            for d in self.callee.node.decorator_list
        )
        if decorated and self.bound is None and value is not None:
            scope_mutable = Mutability(self.info.tree, self.info.ref.constants, self.info.ref.resolver).of(value)
            if scope_mutable is not None:
                name = self.callee.node.name
                self.summary.hands_out = self.state(f"{name}()", {name})


def _class_initial(info: _ModuleInfo, dotted: str) -> Optional[ast.expr]:
    """The class-body value of ``Class.attr`` (what a reset writes back)."""
    owner, _, attr = dotted.partition(".")
    class_name = info.instances.get(owner, owner)
    node = info.classes.get(class_name)
    if node is None:
        return None
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in stmt.targets):
            return stmt.value
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
            return stmt.value
    if owner == class_name:
        return None
    for stmt in node.body:  # an instance's value from ``__init__`` (``self.registry = {}``)
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            for inner in stmt.body:
                if isinstance(inner, ast.Assign) and len(inner.targets) == 1:
                    target = inner.targets[0]
                    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self" and target.attr == attr:
                        return inner.value
    return None


def _is_negative(test: ast.expr) -> bool:
    """``not x``, ``k not in x``, ``x is None``, ``x == None``: true on a miss."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return True
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        op = test.ops[0]
        if isinstance(op, ast.NotIn):
            return True
        right = test.comparators[0]
        if isinstance(op, (ast.Is, ast.Eq)) and isinstance(right, ast.Constant) and right.value is None:
            return True
    return False


def _stdlib_roots() -> frozenset[str]:
    from .summaries import _NOT_PROJECT

    return _NOT_PROJECT


def project_writes(index: FixtureIndex) -> ProjectWrites:
    """The run's ``ProjectWrites`` (one per fixture index, so per module cache)."""
    return index.shared("project_state.writes", lambda: ProjectWrites(index))
