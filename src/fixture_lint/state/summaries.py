"""Effect summaries of the project's own functions, for the clock, port and resource
questions: a project function that returns ``datetime.now(...)`` is a clock, one that
binds a port binds a port, one that returns a connection acquires a resource.

A call in test code is followed, statically, to the function it names: a function of
the test module itself, or one imported from a conftest, a helper or the project's
source (found the way FXL301's call summaries find it: ``find_project_module``, i.e.
``FixtureIndex.find_plugin_module`` under the rootdir, its ``src/`` and the package
base, then the folders above the test), through re-exports (``from .db import connect``
in a package's ``__init__.py``). Modules are parsed once, through the run's shared
module cache (``index.modules``), never imported. Each question is answered once per
function (the cache lives as long as the run's module cache, so it sees one content of
each file) and follows calls to other project functions at most ``MAX_DEPTH`` deep.

This module knows how to find and walk functions; what counts as a clock, a binder or a
resource stays in ``state.clock``, ``state.ports`` and ``state.resources``, which ask
through the ``ProjectFunctions`` of the run.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, Generic, Iterable, Optional, TypeVar, Union

from ..fsutil import read_regular_file
from ..model.bodies import BodyIndex
from ..model.callsites import CallNames, call_pattern
from ..model.loader import ParsedModule
from ..model.names import NameResolver
from .process_state_restores import find_project_module

if TYPE_CHECKING:
    from ..model.hierarchy import FixtureIndex

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
SummaryT = TypeVar("SummaryT")

MAX_DEPTH = 3
"""How many project calls deep a summary looks (test -> f -> g -> h)."""
_MAX_REEXPORTS = 3

# Never the project's own code: the standard library and the test tools.
_NOT_PROJECT = frozenset(
    {
        "os", "sys", "time", "datetime", "socket", "socketserver", "asyncio", "threading", "subprocess",
        "sqlite3", "http", "json", "re", "io", "tempfile", "shutil", "pathlib", "logging", "unittest",
        "pytest", "mock", "contextlib", "functools", "itertools", "collections", "typing", "builtins",
        "multiprocessing", "concurrent", "urllib", "email", "math", "random", "string", "textwrap",
        "warnings", "weakref", "copy", "pickle", "inspect", "dataclasses", "enum", "abc", "operator",
    }
)


@dataclass
class ModuleRef:
    """A module whose calls can be followed: its file, import names, top-level functions
    and module constants."""

    path: Path
    resolver: NameResolver
    functions: dict[str, FunctionNode]
    constants: dict[str, ast.expr]

    @classmethod
    def of(cls, path: Path, tree: ast.Module, resolver: NameResolver, constants: dict[str, ast.expr]) -> ModuleRef:
        return cls(path, resolver, top_level_functions(tree), constants)


@dataclass
class Callee:
    """A project function a call resolves to."""

    key: str
    """``<path>:<name>``: one per function of the run."""
    name: str
    """Its dotted name as the caller wrote it (``clock.now``), for messages."""
    node: FunctionNode
    module: ModuleRef
    body: BodyIndex

    @property
    def params(self) -> list[str]:
        args = self.node.args
        return [a.arg for a in args.posonlyargs + args.args]

    def own_returns(self) -> list[ast.Return]:
        """The ``return`` statements of the function itself (not of nested defs)."""
        returns = self.body.of(ast.Return)
        if not returns or not self._has_nested():
            return list(returns)
        return [node for node in _own_nodes(self.node) if isinstance(node, ast.Return)]

    def _has_nested(self) -> bool:
        """Whether it holds a nested def, lambda or class (its index counts itself)."""
        body = self.body
        defs = len(body.of(ast.FunctionDef)) + len(body.of(ast.AsyncFunctionDef))
        return defs > 1 or bool(body.of(ast.Lambda) or body.of(ast.ClassDef))

    def own_bindings(self) -> dict[str, list[ast.expr]]:
        """Values of the plain ``name = value`` assignments of the function itself."""
        found: dict[str, list[ast.expr]] = {}
        for node in _own_nodes(self.node):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, []).append(node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
                found.setdefault(node.target.id, []).append(node.value or node.target)
        return found

    def is_generator(self) -> bool:
        if not self.body.of(ast.Yield) and not self.body.of(ast.YieldFrom):
            return False
        if not self._has_nested():
            return True
        return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in _own_nodes(self.node))


class Summaries(Generic[SummaryT]):
    """One question (clock, port, resource) asked of project functions, answered once per
    function and table; ``compute(callee, depth)`` may ask about the calls it makes at
    ``depth + 1`` through ``of_call``."""

    def __init__(self, functions: ProjectFunctions, compute: Callable[[Callee, int], Optional[SummaryT]]) -> None:
        self.functions = functions
        self._compute = compute
        self._cache: dict[str, Optional[SummaryT]] = {}
        self._read: dict[str, tuple[Path, ...]] = {}
        """The modules each cached summary was computed from."""
        self._cut = False

    def of_call(self, call: ast.Call, body: BodyIndex, module: ModuleRef, depth: int = 0) -> Optional[tuple[Callee, SummaryT]]:
        """The callee of ``call`` (made in ``body`` of ``module``) and its summary."""
        callee = self.functions.callee(call.func, body.resolver, module)
        return self._of(callee, depth)

    def _of(self, callee: Optional[Callee], depth: int) -> Optional[tuple[Callee, SummaryT]]:
        if callee is None:
            return None
        modules = self.functions.index.modules
        if callee.key in self._cache:
            summary = self._cache[callee.key]
            # A summary kept for the run was read from these modules: the check that
            # reuses it depends on them (the result cache keys on what a check read).
            modules.touch(self._read.get(callee.key, (callee.module.path,)))
        elif depth >= MAX_DEPTH:
            self._cut = True  # unknown this deep: what is above it is not cached
            return None
        else:
            self._cache[callee.key] = None  # recursion guard
            outer, self._cut = self._cut, False
            before = modules.recording
            reads = modules.start_reads()
            try:
                summary = self._compute(callee, depth)
            finally:
                reads.add(callee.module.path)
                if before is None:
                    modules.stop_reads()
                else:
                    modules.resume_reads(before)
                    before.update(reads)
            self._read[callee.key] = tuple(reads)
            if self._cut and summary is None:
                del self._cache[callee.key]  # cut short: another caller may see further
            else:
                self._cache[callee.key] = summary
            self._cut = self._cut or outer
        return None if summary is None else (callee, summary)

    def of_callee(self, callee: Callee, depth: int = 0) -> Optional[tuple[Callee, SummaryT]]:
        """The summary of a callee found another way (a method of a project class, see
        ``state.project_state``), cached by its key like the others."""
        return self._of(callee, depth)

    def called_names(self, module: ModuleRef, text: str) -> CallNames:
        """The last names of the calls written in ``text`` (the source of ``module``)
        that name a function with a summary: a cheap filter before any function body
        is looked at (``CallSites`` with these names)."""
        names = []
        for dotted in self.functions.called(module, text):
            callee = self.functions.callee(_expression(dotted), module.resolver, module)
            if self._of(callee, 0) is not None:
                names.append(dotted)
        return call_pattern(names)


class ProjectQuestion(Generic[SummaryT]):
    """One question asked of the project's functions for a module under analysis (is it
    a clock, a port binder, a resource, a process-state setter): the run's summaries of
    the question, the ``name(`` words of its ``calls`` that gate which modules are parsed
    for it, and the
    module's calls that may reach an answer (``prepare``). Subclasses say ``kind`` and
    how a function is summarised (``_summarise``)."""

    kind: ClassVar[str]

    def __init__(self, table: object, functions: ProjectFunctions, module: ModuleRef, calls: Iterable[str]) -> None:
        self.table = table
        self.functions = functions
        self.module = module
        self.summaries: Summaries[SummaryT] = functions.aspect(
            self.kind, table, lambda: Summaries(functions, self._summarise)
        )
        functions.add_words(name.encode("utf-8") + b"(" for name in calls)
        self.names: CallNames = CallNames(())
        """The last names of the module's calls that may reach an answer (see ``prepare``)."""

    def _summarise(self, callee: Callee, depth: int) -> Optional[SummaryT]:
        raise NotImplementedError

    def prepare(self, text: str) -> CallNames:
        """Which calls of the module's source ``text`` may reach an answer; only those
        are looked up afterwards."""
        self.names = self.summaries.called_names(self.module, text)
        return self.names


class ProjectFunctions:
    """Finds the project function a call names, for one run (one module cache)."""

    def __init__(self, index: FixtureIndex) -> None:
        self.index = index
        self._paths: dict[tuple[Path, str], Optional[Path]] = {}
        self._modules: dict[Path, Optional[ModuleRef]] = {}
        self._callees: dict[tuple[Path, str], Optional[tuple[FunctionNode, ModuleRef]]] = {}
        self._bodies: dict[int, BodyIndex] = {}
        self._texts: dict[Path, bytes] = {}
        self._bases: dict[Path, tuple[Path, Path]] = {}
        self._by_base: dict[tuple[tuple[Path, Path], str], Optional[Path]] = {}
        self.words: set[bytes] = set()
        """``name(`` of every call a question looks for (``now(``, ``bind(``): a module
        that defines a called function is parsed only when its text has one of them, so
        a wrapper whose chain crosses a module without one is not seen (the price of
        not parsing most of a large project)."""
        self._called: dict[Path, tuple[str, list[str]]] = {}
        self._resolved: dict[tuple[Path, str], Optional[tuple[FunctionNode, ModuleRef]]] = {}
        self.aspects: dict[tuple[str, int], object] = {}
        """The ``Summaries`` of each question and table (see ``aspect``)."""

    def add_words(self, words: Iterable[bytes]) -> None:
        """Add a question's ``name(`` words to the gate. A lookup that the gate answered
        "no" (a module with none of the words known then, never parsed) is forgotten, so
        a question asked later in the run sees the modules that hold only its calls."""
        new = set(words) - self.words
        if not new:
            return
        self.words.update(new)
        for cache in (self._callees, self._resolved):
            for key in [k for k, v in cache.items() if v is None]:
                del cache[key]

    def aspect(self, kind: str, table: object, make: Callable[[], Summaries[SummaryT]]) -> Summaries[SummaryT]:
        key = (kind, id(table))
        found = self.aspects.get(key)
        if found is None:
            found = make()
            self.aspects[key] = found
        return found  # type: ignore[return-value]

    def called(self, module: ModuleRef, text: str) -> list[str]:
        """The dotted names ``text`` calls that may be project functions: a local function
        of the module, or a name rooted in an import."""
        cached = self._called.get(module.path)
        if cached is not None and cached[0] is text:
            return cached[1]
        roots = [
            local
            for local, bound in module.resolver._bindings.items()  # the module's imports
            if bound.lstrip(".").split(".", 1)[0] not in _NOT_PROJECT and not local[:1].isupper()
        ]
        roots += [name for name in module.functions if not name.startswith("test")]
        seen: set[str] = set()
        for root in set(roots):  # ``str.find`` at C speed; only its hits are looked at
            size = len(text)
            position = text.find(root)
            while position >= 0:
                end = position + len(root)
                before = text[position - 1] if position else " "
                if not (before.isalnum() or before in "_."):
                    while end < size and (text[end].isalnum() or text[end] in "_."):
                        end += 1
                    dotted = text[position:end]
                    rest = end
                    while rest < size and text[rest] in " \t":
                        rest += 1
                    if (
                        rest < size
                        and text[rest] == "("
                        and dotted.split(".", 1)[0] == root
                        and not dotted.rpartition(".")[2][:1].isupper()
                        and not text.endswith("def ", 0, position)
                    ):
                        seen.add(dotted)
                position = text.find(root, end)
        found = sorted(seen)
        if len(self._called) > 8:
            self._called.clear()
        self._called[module.path] = (text, found)
        return found

    def callee(self, func: ast.expr, resolver: NameResolver, module: ModuleRef) -> Optional[Callee]:
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return None
        qualified = resolver.qualified_name(func)
        written = resolver.local_name(func) or ""
        if qualified is None:
            if isinstance(func, ast.Name) and func.id in module.functions:
                return self._callee(func.id, module.functions[func.id], module, func.id)
            return None
        dotted, _, name = qualified.rpartition(".")
        if not dotted or dotted.lstrip(".").split(".", 1)[0] in _NOT_PROJECT:
            return None
        memo = (module.path.parent, qualified)
        if memo in self._resolved:
            found = self._resolved[memo]
        else:
            found = self._resolved[memo] = self._defined(module.path, dotted, name, 0)
        if found is None:
            return None
        return self._callee(name, found[0], found[1], written)

    def _callee(self, name: str, node: FunctionNode, module: ModuleRef, written: str) -> Callee:
        body = self._bodies.get(id(node))
        if body is None:
            body = BodyIndex(node, module.resolver)
            self._bodies[id(node)] = body
        return Callee(f"{module.path}:{name}", written or name, node, module, body)

    def _defined(self, requester: Path, dotted: str, name: str, depth: int) -> Optional[tuple[FunctionNode, ModuleRef]]:
        if name[:1].isupper():  # a class (by convention): not a function to summarise
            return None
        path = self._module_path(requester, dotted)
        if path is None or not self._mentions(path, name):
            return None
        key = (path, name)
        if key in self._callees:
            return self._callees[key]
        self._callees[key] = None  # a cycle of re-exports ends here
        found: Optional[tuple[FunctionNode, ModuleRef]] = None
        module = self._module(path)
        if module is not None:
            if name in module.functions:
                found = module.functions[name], module
            elif depth < _MAX_REEXPORTS:
                origin = module.resolver.qualified_name(ast.Name(id=name))
                if origin is not None and origin != f"{dotted}.{name}":
                    source, _, original = origin.rpartition(".")
                    if source and source.lstrip(".").split(".", 1)[0] not in _NOT_PROJECT:
                        found = self._defined(path, source, original, depth + 1)
        self._callees[key] = found
        return found

    def _mentions(self, path: Path, name: str) -> bool:
        """Whether the file's text has ``name`` at all (defined, or imported to be
        re-exported): a byte search, so that modules that cannot hold the function are
        never parsed."""
        if path in self._modules:
            module = self._modules[path]
            return module is not None and (name in module.functions or module.resolver.qualified_name(ast.Name(id=name)) is not None)
        text = self._texts.get(path)
        if text is None:
            try:  # a regular file of at most the run's size limit: never a FIFO or /dev/zero
                text = read_regular_file(path, self.index.modules.max_file_size)
            except OSError:
                text = b""
            if len(self._texts) > 256:
                self._texts.clear()
            self._texts[path] = text
        encoded = name.encode("utf-8")
        if encoded not in text:
            return False
        if b"def " + encoded + b"(" in text and self.words:
            # defined here: worth parsing only if some question's calls appear in it
            return any(word in text for word in self.words)
        return True

    def _module_path(self, requester: Path, dotted: str) -> Optional[Path]:
        key = (requester.parent, dotted)
        if key not in self._paths:
            if dotted.startswith("."):
                self._paths[key] = _relative_module(requester, dotted)
            else:
                # ``find_plugin_module`` answers the same for every folder of one package
                # base: ask it once per base, then the folders above (``find_project_module``)
                shared = (self._base(requester.parent), dotted)
                if shared not in self._by_base:
                    self._by_base[shared] = self.index.find_plugin_module(requester, dotted)
                found = self._by_base[shared]
                self._paths[key] = found if found is not None else find_project_module(self.index, requester, dotted)
        return self._paths[key]

    def _base(self, folder: Path) -> tuple[Path, Path]:
        """The rootdir and package base of a folder (what ``find_plugin_module`` looks under)."""
        found = self._bases.get(folder)
        if found is None:
            base = folder
            while (base / "__init__.py").is_file() and base != base.parent:
                base = base.parent
            found = self._bases[folder] = (self.index.projects.for_directory(folder).rootdir, base)
        return found

    def _module(self, path: Path) -> Optional[ModuleRef]:
        if path not in self._modules:
            parsed = self.index.modules.get(path)
            self._modules[path] = (
                ModuleRef.of(path, parsed.tree, parsed.facts.resolver, parsed.facts.constants)
                if isinstance(parsed, ParsedModule)
                else None
            )
        return self._modules[path]


def project_functions(index: FixtureIndex) -> ProjectFunctions:
    """The run's ``ProjectFunctions`` (one per fixture index, so per module cache)."""
    return index.shared("summaries.functions", lambda: ProjectFunctions(index))


def test_module_ref(path: Path, tree: ast.Module, resolver: NameResolver, constants: dict[str, ast.expr]) -> ModuleRef:
    """The ``ModuleRef`` of the module under analysis (its own helpers are followed too)."""
    return ModuleRef.of(path, tree, resolver, constants)


_CALLED = re.compile(r"(?<!def )(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\(")


def _expression(dotted: str) -> ast.expr:
    """``a.b.c`` as the ``Attribute`` chain a call's function would be."""
    parts = dotted.split(".")
    node: ast.expr = ast.Name(id=parts[0])
    for part in parts[1:]:
        node = ast.Attribute(value=node, attr=part)
    return node


def top_level_functions(tree: ast.Module) -> dict[str, FunctionNode]:
    """Functions a module defines at its top level (also under ``if``/``try``)."""
    found: dict[str, FunctionNode] = {}
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        stmt = stack.pop(0)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(stmt.name, stmt)
        elif isinstance(stmt, ast.If):
            stack.extend(stmt.body + stmt.orelse)
        elif isinstance(stmt, ast.Try):
            stack.extend(stmt.body + stmt.orelse)
    return found


def _relative_module(requester: Path, dotted: str) -> Optional[Path]:
    """The file of ``.helpers`` / ``..pkg.mod`` imported from ``requester``."""
    level = len(dotted) - len(dotted.lstrip("."))
    folder = requester.parent
    for _ in range(level - 1):
        folder = folder.parent
    rest = [part for part in dotted[level:].split(".") if part]
    candidate = folder.joinpath(*rest) if rest else folder
    for option in (candidate.with_suffix(".py") if rest else None, candidate / "__init__.py"):
        if option is not None and option.is_file():
            return option
    return None


def _own_nodes(function: FunctionNode) -> list[ast.AST]:
    """The nodes of a function's body, not entering nested functions, lambdas, classes."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def single_binding(callee: Callee, value: ast.expr, bindings: dict[str, list[ast.expr]]) -> ast.expr:
    """What a local name bound exactly once stands for (``now = datetime.now(); return now``)."""
    seen = 0
    while isinstance(value, ast.Name) and seen < 4:
        bound = bindings.get(value.id)
        if bound is None or len(bound) != 1 or value.id in callee.params:
            return value
        value = bound[0]
        seen += 1
    return value
