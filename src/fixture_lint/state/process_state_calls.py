"""What a called function does to process state, and where test code does not run.

*Effect summaries*: a function that test code calls (defined in the test module, or
imported from a conftest, a helper or the project's own source, read statically through
the run's shared module cache, never imported) is summarised once, and the call counts
as what the summary says:

* a ``@contextmanager`` function that writes state back after its ``yield`` (in
  ``finally`` or not), such as one that saves ``os.environ`` and restores it: writes
  inside its ``with`` block are undone when the block ends;
* a function that removes ``os.environ`` or ``sys.modules`` keys (literal keys, the
  key it is given, or keys derived from what it is given, such as every key with a
  given prefix): the call undoes earlier writes of those keys.

*Code that does not run in the pytest process*: functions handed to another process
(``initializer=`` of a process pool, ``Process(target=...)``, ``pool.apply/map/submit``
of a process pool, parametrize values for an ``initializer`` argument); methods of helper
classes the module never uses; branches for Windows in code only tests skipped on
Windows reach.
"""
from __future__ import annotations

import ast
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from ..model.bodies import BodyIndex
from ..model.facts import Mark
from ..model.hierarchy import FixtureIndex
from ..model.loader import ParsedModule
from ..model.names import NameResolver
from .process_state_restores import find_project_module
from ..knowledge.process_state import ENVIRON, SYS_MODULES
from .process_state import (
    FunctionAnalyser,
    FunctionNode,
    ModuleState,
    Position,
    Target,
)

_EXPRESSION = "\0"
_MAX_DEPTH = 2


@dataclass(frozen=True)
class Removal:
    """Keys of ``kind`` a call removes: exactly ``keys``, and any key starting with one of
    ``prefixes``."""

    kind: str
    keys: frozenset[str]
    prefixes: frozenset[str]

    def covers(self, target: Target) -> bool:
        key = target.key
        if target.kind != self.kind or key is None or key.startswith(_EXPRESSION):
            return False
        return key in self.keys or any(key.startswith(prefix) for prefix in self.prefixes)


@dataclass(frozen=True)
class _Summary:
    restores_after: tuple[Target, ...]
    """What the function, used as a context manager, writes back when its block ends."""
    removes: tuple[tuple[str, str, str, int], ...]
    """(kind, how, literal key, parameter index): ``exact`` (the key), ``param`` (the
    argument at the index) or ``derived`` (keys starting with a string argument)."""


@dataclass(frozen=True)
class CallEffect:
    """What one call does: restores at the end of its ``with`` block, removes keys."""

    restores_after: tuple[Target, ...]
    removes: tuple[Removal, ...]


class CallSummaries:
    """Effect summaries of the functions the tests of one module call, computed once per
    function (bounded depth) and cached."""

    def __init__(self, index: FixtureIndex, path: Path, module: ModuleState, resolver: NameResolver) -> None:
        self.index = index
        self.path = path
        self._module = weakref.ref(module)  # the module holds ``effect``: no cycle back
        self.resolver = resolver
        self._summaries: dict[str, Optional[_Summary]] = {}
        self._modules: dict[Path, Optional[tuple[ModuleState, NameResolver, dict[str, FunctionNode]]]] = {}
        self._depth = 0

    @property
    def module(self) -> ModuleState:
        module = self._module()
        assert module is not None, "the module state outlives its call summaries"
        return module

    def effect(self, call: ast.Call, body: BodyIndex) -> Optional[CallEffect]:
        """What ``call`` does to process state, when it calls a function that can be read."""
        summary = self._summary(call.func, body)
        if summary is None or not (summary.restores_after or summary.removes):
            return None
        literals = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        removals: list[Removal] = []
        for kind, how, key, index in summary.removes:
            if how == "exact":
                removals.append(Removal(kind, frozenset({key}), frozenset()))
            elif how == "param" and index < len(call.args):
                arg = call.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    removals.append(Removal(kind, frozenset({arg.value}), frozenset()))
            elif how == "derived" and literals:
                removals.append(Removal(kind, frozenset(), frozenset(literals)))
        return CallEffect(summary.restores_after, tuple(removals))

    # -- finding and summarising the called function -----------------------------------
    def _summary(self, func: ast.expr, body: BodyIndex) -> Optional[_Summary]:
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return None
        qualified = body.qualified_name(func)
        if qualified is None:
            if not isinstance(func, ast.Name) or func.id not in self.module.functions:
                return None
            key = "\0" + func.id
        else:
            key = qualified
        if key in self._summaries:
            return self._summaries[key]
        self._summaries[key] = None  # recursion guard
        found = self._find(key, qualified)
        summary = None
        if found is not None and self._depth < _MAX_DEPTH:
            node, module, resolver = found
            self._depth += 1
            try:
                summary = _summarise(node, module, resolver)
            finally:
                self._depth -= 1
        self._summaries[key] = summary
        return summary

    def _find(self, key: str, qualified: Optional[str]) -> Optional[tuple[FunctionNode, ModuleState, NameResolver]]:
        if qualified is None:
            return self.module.functions[key[1:]], self.module, self.resolver
        module_name, _, name = qualified.rpartition(".")
        if not module_name or module_name.split(".", 1)[0] in _NOT_PROJECT:
            return None
        path = find_project_module(self.index, self.path, module_name)
        if path is None:
            return None
        loaded = self._load(path)
        if loaded is None or name not in loaded[2]:
            return None
        module, resolver, functions = loaded
        return functions[name], module, resolver

    def _load(self, path: Path) -> Optional[tuple[ModuleState, NameResolver, dict[str, FunctionNode]]]:
        if path not in self._modules:
            parsed = self.index.modules.get(path)
            loaded = None
            if isinstance(parsed, ParsedModule):
                module = ModuleState.of(parsed.tree, parsed.facts.resolver)
                loaded = (module, parsed.facts.resolver, dict(module.functions))
            self._modules[path] = loaded
        return self._modules[path]


_NOT_PROJECT = frozenset({"os", "sys", "pytest", "unittest", "mock", "logging", "contextlib", "shutil", "subprocess"})


def _summarise(node: FunctionNode, module: ModuleState, resolver: NameResolver) -> _Summary:
    state = FunctionAnalyser(module).analyse(node, BodyIndex(node, resolver))
    restores: tuple[Target, ...] = ()
    if _is_context_manager(node, resolver):
        restores = tuple(dict.fromkeys(w.target for w in state.teardown_writes if not w.mutation))
    params = [a.arg for a in node.args.posonlyargs + node.args.args]
    removes: list[tuple[str, str, str, int]] = []
    for write in state.writes + state.teardown_writes:
        kind, key = write.target.kind, write.target.key
        if not write.removal or kind not in (ENVIRON, SYS_MODULES) or key is None or write.operation in ("clear", "popitem"):
            continue
        if not key.startswith(_EXPRESSION):
            removes.append((kind, "exact", key, 0))
        elif key[1:] in params:
            removes.append((kind, "param", "", params.index(key[1:])))
        else:
            removes.append((kind, "derived", "", 0))
    return _Summary(restores, tuple(dict.fromkeys(removes)))


def _is_context_manager(node: FunctionNode, resolver: NameResolver) -> bool:
    for decorator in node.decorator_list:
        name = resolver.qualified_name(decorator) or resolver.local_name(decorator) or ""
        if name.rsplit(".", 1)[-1] in ("contextmanager", "asynccontextmanager"):
            return True
    return False


# -- code that runs in another process ----------------------------------------------------
_POOL_METHODS = frozenset({"apply", "apply_async", "map", "map_async", "starmap", "starmap_async", "imap", "imap_unordered", "submit"})
_PROCESS_POOLS = frozenset({"Pool", "ProcessPoolExecutor"})


def handed_to_processes(tree: ast.Module, body: BodyIndex, names: Sequence[str]) -> set[str]:
    """Of the module functions ``names``, those every mention of which hands them to
    another process: ``initializer=`` of a process pool, ``Process(target=...)``, the
    function of ``pool.apply/map/submit`` of a process pool, a parametrize value for an
    ``initializer`` argument. What they change dies with that process."""
    wanted = set(names)
    if not wanted:
        return set()
    pools: set[str] = set()
    blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
    for block in blocks:
        for item in block.items:
            if isinstance(item.optional_vars, ast.Name) and _callee(item.context_expr) in _PROCESS_POOLS:
                pools.add(item.optional_vars.id)
    for assign in body.of(ast.Assign):
        if len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name) and _callee(assign.value) in _PROCESS_POOLS:
            pools.add(assign.targets[0].id)
    handed: set[int] = set()
    for call in body.of(ast.Call):
        callee = _callee(call)
        for keyword in call.keywords:
            if isinstance(keyword.value, ast.Name) and (
                (keyword.arg == "initializer" and callee in _PROCESS_POOLS)
                or (keyword.arg == "target" and callee == "Process")
            ):
                handed.add(id(keyword.value))
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _POOL_METHODS and call.args and isinstance(call.args[0], ast.Name):
            receiver = func.value
            if (isinstance(receiver, ast.Name) and receiver.id in pools) or _callee(receiver) in _PROCESS_POOLS:
                handed.add(id(call.args[0]))
        if callee == "parametrize" and len(call.args) >= 2:
            handed.update(_initializer_values(call.args[0], call.args[1]))
    mentions: dict[str, list[int]] = {}
    for name in body.of(ast.Name):
        if name.id in wanted and isinstance(name.ctx, ast.Load):
            mentions.setdefault(name.id, []).append(id(name))
    return {name for name, ids in mentions.items() if ids and all(i in handed for i in ids)}


def _initializer_values(argnames: ast.expr, argvalues: ast.expr) -> set[int]:
    if not (isinstance(argnames, ast.Constant) and isinstance(argnames.value, str)):
        return set()
    names = [n.strip() for n in argnames.value.split(",")]
    positions = [i for i, n in enumerate(names) if "initializer" in n]
    if not positions or not isinstance(argvalues, (ast.List, ast.Tuple)):
        return set()
    found: set[int] = set()
    for case in argvalues.elts:
        if isinstance(case, (ast.Tuple, ast.List)) and len(case.elts) == len(names):
            for i in positions:
                if isinstance(case.elts[i], ast.Name):
                    found.add(id(case.elts[i]))
    return found


def _callee(node: ast.AST) -> Optional[str]:
    """The last name of what ``node`` calls (``get_context().Pool(1)``: ``Pool``)."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


# -- code pytest never runs -------------------------------------------------------------
def unused_classes(tree: ast.Module, body: BodyIndex, class_names: Sequence[str]) -> set[str]:
    """Top-level classes of ``class_names`` that nothing in the module mentions outside
    their own body: their methods (``__getstate__``, ``__call__``) never run."""
    spans: dict[str, tuple[int, int]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name in class_names:
            spans[stmt.name] = (stmt.lineno, stmt.end_lineno or stmt.lineno)
    if not spans:
        return set()
    used: set[str] = set()
    for name in body.of(ast.Name):
        span = spans.get(name.id)
        if span is not None and not span[0] <= name.lineno <= span[1]:
            used.add(name.id)
    for string in body.of(ast.Constant):  # named in a string: __all__, a dotted path
        if isinstance(string.value, str) and string.value.rsplit(".", 1)[-1] in spans:
            used.add(string.value.rsplit(".", 1)[-1])
    return set(spans) - used


def windows_branches(body: BodyIndex) -> list[tuple[Position, Position]]:
    """Spans (start, end) of the branches of a function that run only on Windows:
    ``if os.name == "nt":``, ``if sys.platform == "win32":`` (or the ``else`` of ``!=``)."""
    found: list[tuple[Position, Position]] = []
    for branch in body.of(ast.If):
        windows = is_windows_test(branch.test, body.resolver)
        block = branch.body if windows is True else branch.orelse if windows is False else []
        if block:
            found.append(((block[0].lineno, block[0].col_offset), (block[-1].end_lineno or 0, block[-1].end_col_offset or 0)))
    return found


def is_windows_test(test: ast.expr, resolver: NameResolver) -> Optional[bool]:
    """``True`` for a test that holds only on Windows, ``False`` for one that holds
    everywhere but Windows, ``None`` otherwise."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.comparators[0], ast.Constant):
        name = resolver.qualified_name(test.left)
        if isinstance(test.left, ast.Call):
            name = (resolver.qualified_name(test.left.func) or "") + "()"
        value = test.comparators[0].value
        windows = (name == "os.name" and value == "nt") or (name == "sys.platform" and value == "win32")
        windows = windows or (name == "platform.system()" and value == "Windows")
        if windows and isinstance(test.ops[0], ast.Eq):
            return True
        if windows and isinstance(test.ops[0], ast.NotEq):
            return False
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith":
        if resolver.qualified_name(test.func.value) == "sys.platform" and test.args:
            arg = test.args[0]
            if isinstance(arg, ast.Constant) and arg.value in ("win", "win32"):
                return True
    return None


def skipped_on_windows(marks: Sequence[Mark], resolver: NameResolver) -> bool:
    """Whether one of ``marks`` is ``skipif(<on Windows>)``."""
    for mark in marks:
        node = mark.node
        if mark.name == "skipif" and isinstance(node, ast.Call) and node.args:
            if is_windows_test(node.args[0], resolver) is True:
                return True
    return False
