"""Files and directories at fixed paths (FXL307): which expressions are a fixed path,
which calls create one, which remove one, and which read one.

A path is fixed when it is built only from string literals, module constants bound to
them, ``__file__`` and the shared temporary directory, through ``os.path.join``,
``Path(...)``, ``/`` and the like: every test (and every rerun) gets the same one.
Anything touching a fixture (``tmp_path``), a parameter or ``tempfile.mkdtemp()`` is not.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from ..knowledge.stdlib_state import (
    CREATING_CALLS,
    CWD_CHANGERS,
    CWD_CONTEXT_METHODS,
    FILE_CHECKS,
    NOT_FILES,
    OPEN_CALLS,
    PATH_CONSTRUCTORS,
    PATH_JOINS,
    PATH_METHODS,
    PATH_READING_METHODS,
    PATH_REMOVING_METHODS,
    PATH_WRITING_METHODS,
    REMOVING_CALLS,
    SHARED_DIRECTORIES,
    WRITING_MODES,
)
from ..model.bodies import BodyIndex
from .process_state import Position
from .stdlib_state import position

ANY = "\0any"
"""A removal whose path cannot be read: it may remove anything (precision first)."""


@dataclass(frozen=True)
class FileEvent:
    node: ast.AST
    path: str
    """The fixed path, normalised (``out/a.txt``, ``<here>/data.json``)."""
    relative: bool


def fixed_path(node: ast.AST, body: BodyIndex, constants: dict[str, ast.expr], depth: int = 0) -> Optional[str]:
    """The fixed path ``node`` builds, or ``None``."""
    if depth > 8:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if node.value else None
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return "<here>"
        if node.id in constants:
            return fixed_path(constants[node.id], body, constants, depth + 1)
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = fixed_path(node.left, body, constants, depth + 1), fixed_path(node.right, body, constants, depth + 1)
        return _join(left, right) if left is not None and right is not None else None
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = fixed_path(node.value, body, constants, depth + 1)
        return None if inner is None else inner.rsplit("/", 1)[0] if "/" in inner and inner != "<here>" else "<here>"
    if isinstance(node, ast.Call):
        name = body.qualified_name(node.func)
        if name in SHARED_DIRECTORIES:
            return "<tmp>"
        if name == "os.path.dirname" and node.args:
            inner = fixed_path(node.args[0], body, constants, depth + 1)
            return None if inner is None else "<here>" if inner == "<here>" else inner.rsplit("/", 1)[0]
        if name in PATH_JOINS or name in PATH_CONSTRUCTORS:
            parts = [fixed_path(a, body, constants, depth + 1) for a in node.args]
            if not parts or any(p is None for p in parts) or node.keywords:
                return None
            joined = parts[0]
            for part in parts[1:]:
                joined = _join(joined, part)
            return joined
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in PATH_METHODS:
            inner = fixed_path(func.value, body, constants, depth + 1)
            if inner is None:
                return None
            if func.attr == "joinpath":
                for arg in node.args:
                    part = fixed_path(arg, body, constants, depth + 1)
                    if part is None:
                        return None
                    inner = _join(inner, part)
            return inner
    return None


def _join(left: Optional[str], right: Optional[str]) -> Optional[str]:
    if left is None or right is None:
        return None
    if right.startswith("/"):
        return right
    return f"{left.rstrip('/')}/{right}"


def _is_file(path: str) -> bool:
    return not path.startswith(NOT_FILES) and path not in NOT_FILES and path not in (".", "..", "<here>", "<tmp>")


def _local_paths(body: BodyIndex, constants: dict[str, ast.expr]) -> dict[str, ast.expr]:
    """Module constants plus locals assigned exactly once (``out = Path("out.txt")``)."""
    names = dict(constants)
    counts: dict[str, int] = {}
    for stmt in body.of(ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                counts[target.id] = counts.get(target.id, 0) + 1
                names[target.id] = stmt.value
    for arg in body.of(ast.arg):
        names.pop(arg.arg, None)
    return {k: v for k, v in names.items() if counts.get(k, 1) == 1}


def _exist_ok(call: ast.Call) -> bool:
    return any(k.arg == "exist_ok" and not (isinstance(k.value, ast.Constant) and not k.value.value) for k in call.keywords)


def _mode(call: ast.Call, index: int) -> str:
    if len(call.args) > index and isinstance(call.args[index], ast.Constant):
        return str(call.args[index].value)  # type: ignore[attr-defined]
    mode = next((k.value for k in call.keywords if k.arg == "mode"), None)
    return str(mode.value) if isinstance(mode, ast.Constant) else "r" if mode is None else ""


def file_events(body: BodyIndex, constants: dict[str, ast.expr]) -> tuple[list[FileEvent], list[tuple[Position, str]], list[FileEvent]]:
    """(writes, removals, reads) of fixed paths in one function."""
    names = _local_paths(body, constants)
    writes: list[FileEvent] = []
    removals: list[tuple[Position, str]] = []
    reads: list[FileEvent] = []

    def event(node: ast.AST, expr: ast.AST) -> Optional[FileEvent]:
        path = fixed_path(expr, body, names)
        if path is None or not _is_file(path):
            return None
        relative = not path.startswith(("/", "<here>", "<tmp>"))
        if relative and in_temporary_cwd(node, body):
            return None  # inside `with runner.isolated_filesystem():`: the block's own directory
        return FileEvent(node, path, relative)

    for call in body.of(ast.Call):
        func = call.func
        name = body.qualified_name(func) or (func.id if isinstance(func, ast.Name) else None)
        if name in OPEN_CALLS and call.args:
            found = event(call, call.args[0])
            if found is not None:
                (writes if set(_mode(call, 1)) & WRITING_MODES else reads).append(found)
            continue
        if name in REMOVING_CALLS and len(call.args) > REMOVING_CALLS[name]:
            path = fixed_path(call.args[REMOVING_CALLS[name]], body, names)
            removals.append((position(call), path if path is not None else ANY))
        if name in CREATING_CALLS and len(call.args) > CREATING_CALLS[name]:
            if not _exist_ok(call):
                found = event(call, call.args[CREATING_CALLS[name]])
                if found is not None:
                    writes.append(found)
            continue
        if name in FILE_CHECKS and call.args:
            found = event(call, call.args[0])
            if found is not None:
                reads.append(found)
            continue
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr in PATH_WRITING_METHODS and not _exist_ok(call):
            found = event(call, func.value)
            if found is not None:
                writes.append(found)
        elif func.attr == "open":
            found = event(call, func.value)
            if found is not None:
                (writes if set(_mode(call, 0)) & WRITING_MODES else reads).append(found)
        elif func.attr in PATH_REMOVING_METHODS:
            path = fixed_path(func.value, body, names)
            removals.append((position(call), path if path is not None else ANY))
        elif func.attr in PATH_READING_METHODS:
            found = event(call, func.value)
            if found is not None:
                reads.append(found)
    return writes, removals, reads


def removes(removal: str, path: str) -> bool:
    """Whether removing ``removal`` removes ``path`` (itself, or a directory above it)."""
    return removal == ANY or removal == path or path.startswith(removal.rstrip("/") + "/")


def changes_directory(body: BodyIndex) -> bool:
    """Whether the function moves the working directory (then relative paths land there)."""
    for call in body.of(ast.Call):
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in CWD_CHANGERS:
            return True
    return False


def in_temporary_cwd(node: ast.AST, body: BodyIndex) -> bool:
    """Whether ``node`` runs inside a block that moves into a fresh temporary working
    directory (``with runner.isolated_filesystem():``)."""
    at = position(node)
    blocks: list[ast.With | ast.AsyncWith] = [*body.of(ast.With), *body.of(ast.AsyncWith)]
    for block in blocks:
        if not any(_temporary_cwd(item.context_expr) for item in block.items):
            continue
        first, last = block.body[0], block.body[-1]
        end = (last.end_lineno or last.lineno, last.end_col_offset or 0)
        if position(first) <= at <= end:
            return True
    return False


def _temporary_cwd(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in CWD_CONTEXT_METHODS


def module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level names bound once, and their value."""
    found: dict[str, ast.expr] = {}
    seen: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            if name in seen:
                found.pop(name, None)
            else:
                found[name] = stmt.value
            seen.add(name)
    return found
