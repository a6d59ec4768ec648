"""Adding the imports a fix needs: with libcst, where an import sorter (isort, ruff's
I001) would put them in the leading import block; or, for the check's trial passes, as
plain lines (:func:`add_import_lines`)."""
from __future__ import annotations

import ast
import sys
from typing import Any, Iterable, Optional, Sequence


class FixError(Exception):
    """A fix that cannot be applied; the message says why."""


def add_imports(text: str, imports: Sequence[str]) -> str:
    """Insert the ``imports`` that are not bound yet, with libcst, where an import
    sorter would put them in the leading import block (see :func:`_insert_import`)."""
    import libcst

    try:
        module = libcst.parse_module(text)
    except libcst.ParserSyntaxError as exc:
        raise FixError(f"the result does not parse with libcst: {str(exc).splitlines()[0]}") from None
    tree = ast.parse(text)
    missing = _missing_imports(tree, imports)
    if not missing:
        return text
    body = list(module.body)
    for statement in missing:
        body = _insert_import(body, libcst.parse_statement(statement + module.default_newline))
    return module.with_changes(body=body).code


def _missing_imports(tree: ast.Module, imports: Sequence[str]) -> list[str]:
    """The ``imports`` whose names the module does not bind (to the same thing) yet."""
    bound = _top_level_bindings(tree.body)
    missing = []
    for statement in imports:
        try:
            wanted = _top_level_bindings(ast.parse(statement).body)
        except SyntaxError:
            raise FixError(f"invalid import to add: {statement!r}") from None
        if any(bound.get(name) != target for name, target in wanted.items()):
            missing.append(statement)
            bound.update(wanted)
    return missing


def add_import_lines(text: str, imports: Sequence[str]) -> str:
    """The ``imports`` that are not bound yet, as plain lines after the leading block of
    docstring and imports (:func:`add_imports` without libcst, for trial passes)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        raise FixError(f"the result does not parse: {exc}") from None
    missing = _missing_imports(tree, imports)
    if not missing:
        return text
    after = 0
    for index, stmt in enumerate(tree.body):
        docstring = index == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
        if not (docstring or isinstance(stmt, (ast.Import, ast.ImportFrom))):
            break
        after = stmt.end_lineno or after
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
    if lines and after and not lines[after - 1].endswith(("\n", "\r")):
        lines[after - 1] += newline
    return "".join(lines[:after] + [s + newline for s in missing] + lines[after:])


# Sections in an import sorter's order (isort's and ruff's default profile); first-
# and third-party cannot be told apart without the project's settings, and need not be:
# the fixes add standard-library imports.
_FUTURE, _STDLIB, _THIRD_PARTY, _LOCAL = range(4)
_STDLIB_NAMES: frozenset[str] = frozenset(
    getattr(sys, "stdlib_module_names", ())
    or (
        "__future__ abc argparse array ast asyncio atexit base64 bisect builtins calendar codecs "
        "collections concurrent configparser contextlib contextvars copy csv ctypes dataclasses "
        "datetime decimal difflib dis email enum errno fnmatch fractions functools gc getpass "
        "gettext glob gzip hashlib heapq hmac html http importlib inspect io ipaddress itertools "
        "json locale logging lzma math mimetypes multiprocessing numbers operator os pathlib "
        "pickle platform pprint queue random re sched secrets select selectors shlex shutil "
        "signal socket socketserver sqlite3 ssl stat statistics string struct subprocess sys "
        "sysconfig tarfile tempfile textwrap threading time timeit tokenize traceback types "
        "typing unittest urllib uuid warnings weakref xml zipfile zlib zoneinfo"
    ).split()
)


def _import_key(stmt: Any) -> Optional[tuple[int, int, str]]:  # a libcst statement
    """(section, plain ``import`` 0 / ``from`` 1, module name in lower case) of an
    import line, as an import sorter orders them; ``None`` for anything else."""
    import libcst
    from libcst.helpers import get_full_name_for_node

    if not isinstance(stmt, libcst.SimpleStatementLine) or not stmt.body:
        return None
    first = stmt.body[0]
    if not all(isinstance(small, (libcst.Import, libcst.ImportFrom)) for small in stmt.body):
        return None
    if isinstance(first, libcst.Import):
        name, kind = get_full_name_for_node(first.names[0].name) or "", 0
    else:
        assert isinstance(first, libcst.ImportFrom)
        if first.relative:
            return (_LOCAL, 1, "")
        name, kind = (get_full_name_for_node(first.module) if first.module is not None else None) or "", 1
    top = name.split(".", 1)[0]
    if top == "__future__":
        section = _FUTURE
    elif top in _STDLIB_NAMES:
        section = _STDLIB
    else:
        section = _THIRD_PARTY
    return (section, kind, name.lower())


def _is_docstring(stmt: Any) -> bool:  # a libcst statement
    import libcst

    if not isinstance(stmt, libcst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    small = stmt.body[0]
    return isinstance(small, libcst.Expr) and isinstance(small.value, (libcst.SimpleString, libcst.ConcatenatedString))


def _blank_prefix(stmt: Any) -> tuple[list[Any], list[Any]]:
    """A statement's leading lines split into the blank lines that open them and the rest
    (the comments that belong to the statement, and what follows them)."""
    lines = list(stmt.leading_lines)
    count = 0
    while count < len(lines) and lines[count].comment is None:
        count += 1
    return lines[:count], lines[count:]


def _insert_import(body: list[Any], new: Any) -> list[Any]:  # libcst statements
    """Put ``new`` where isort (and ruff's I001, default profile) would: in the leading
    import block (after the module docstring; leading comments stay on top), in its
    section (``__future__``, standard library, the rest, relative imports), among the
    lines of its kind (``import x`` before ``from x import y``) in alphabetical order.
    Nothing else moves: an unsorted block stays unsorted around the new line. Sections
    are kept apart by a blank line where the new line starts one, and a first import
    from the code after it by one (two before a ``def``/``class``)."""
    import libcst

    start = 1 if body and _is_docstring(body[0]) else 0
    end = start
    while end < len(body) and _import_key(body[end]) is not None:
        end += 1
    key = _import_key(new)
    assert key is not None
    keys = [_import_key(stmt) for stmt in body[start:end]]
    block = [(start + offset, k) for offset, k in enumerate(keys) if k is not None]
    same = [(index, k) for index, k in block if k[0] == key[0]]
    later = [index for index, k in same if k[1:] > key[1:]]
    if later:
        at = later[0]
    elif same:
        at = same[-1][0] + 1
    else:
        at = next((index for index, k in block if k[0] > key[0]), end)
    empty = libcst.EmptyLine()
    previous_key = keys[at - 1 - start] if start < at <= end else None
    following_key = keys[at - start] if at < end else None
    leading: list[Any] = []
    result = list(body)
    if following_key is not None:
        if previous_key is None or previous_key[0] != key[0]:
            # The first line of its section takes the blank lines above the line it goes
            # before (that line's comments stay with it), and a line of another section
            # after it is set apart.
            leading, rest = _blank_prefix(body[at])
            if following_key[0] != key[0]:
                rest = [empty, *rest]
            result[at] = body[at].with_changes(leading_lines=rest)
    elif at < len(body) and end == start:
        following = body[at]  # the code after the first import of the module
        blanks, _ = _blank_prefix(following)
        if not blanks:
            count = 2 if isinstance(following, (libcst.FunctionDef, libcst.ClassDef)) else 1
            result[at] = following.with_changes(leading_lines=[empty] * count + list(following.leading_lines))
    joins_section = following_key is not None and following_key[0] == key[0]
    if not leading and not joins_section and (
        (previous_key is not None and previous_key[0] != key[0]) or (previous_key is None and start == 1 and end == start)
    ):
        leading = [empty]  # a new section, or the first import after the docstring
    result.insert(at, new.with_changes(leading_lines=leading))
    return result


def _top_level_bindings(body: Iterable[ast.stmt]) -> dict[str, str]:
    bound: dict[str, str] = {}
    for stmt in body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    bound[top] = top if alias.name == top else bound.get(top, top)
                    bound[alias.name] = alias.name
        elif isinstance(stmt, ast.ImportFrom) and stmt.module != "__future__":
            module = "." * stmt.level + (stmt.module or "")
            for alias in stmt.names:
                bound[alias.asname or alias.name] = f"{module}.{alias.name}"
    return bound
