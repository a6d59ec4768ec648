"""The ``[...]`` ids pytest gives parametrized tests, when they can be known statically.

pytest makes an id from each value (strings as they are, ASCII-escaped; numbers, booleans
and ``None`` by ``str``; other objects ``<argname><index>``), joins the values of one case
with ``-``, takes ``pytest.param(id=...)`` and ``ids=[...]`` first, and makes duplicates
unique with a counter. A value whose id depends on what it is at run time (a name, a
call, an attribute) makes the ids unknown: the map then shows the test's base id.
"""
from __future__ import annotations

import ast
from collections import Counter, defaultdict
from typing import Optional

from ..model.facts import Parametrize


def parametrize_ids(parametrize: Parametrize) -> Optional[list[str]]:
    """The ids of one ``@pytest.mark.parametrize``, or ``None`` when not computable."""
    call = parametrize.node
    ids_node = next((k.value for k in call.keywords if k.arg == "ids"), None)
    if parametrize.argvalues is None or not parametrize.argnames:
        return None
    return _ids(parametrize.argvalues, parametrize.argnames, ids_node)


def values_ids(values: ast.expr, argname: str, ids_node: Optional[ast.expr]) -> Optional[list[str]]:
    """The ids of a fixture's ``params=[...]`` (the argname is the fixture's name)."""
    return _ids(values, (argname,), ids_node, single=True)


def _ids(values: ast.expr, argnames: tuple[str, ...], ids_node: Optional[ast.expr], single: bool = False) -> Optional[list[str]]:
    if not isinstance(values, (ast.List, ast.Tuple)):
        return None
    explicit: list[Optional[str]] = []
    if ids_node is not None:
        if not isinstance(ids_node, (ast.List, ast.Tuple)):
            return None
        for item in ids_node.elts:
            if isinstance(item, ast.Constant) and (item.value is None or isinstance(item.value, str)):
                explicit.append(item.value)
            else:
                return None
    several = len(argnames) > 1 and not single
    resolved: list[str] = []
    for index, value in enumerate(values.elts):
        given_id: Optional[str] = None
        if _is_param_call(value):
            assert isinstance(value, ast.Call)
            for keyword in value.keywords:
                if keyword.arg == "id":
                    if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                        given_id = keyword.value.value
                    elif not (isinstance(keyword.value, ast.Constant) and keyword.value.value is None):
                        return None
                elif keyword.arg is None:
                    return None
            if any(isinstance(a, ast.Starred) for a in value.args):
                return None
            items = list(value.args)
        elif several:
            if not isinstance(value, (ast.Tuple, ast.List)) or any(isinstance(e, ast.Starred) for e in value.elts):
                return None
            items = list(value.elts)
        else:
            if isinstance(value, ast.Starred):
                return None
            items = [value]
        if given_id is not None:
            resolved.append(_escaped(given_id))
            continue
        if index < len(explicit) and explicit[index] is not None:
            resolved.append(_escaped(explicit[index] or ""))
            continue
        if len(items) != len(argnames if not single else (argnames[0],)):
            return None
        parts = []
        for item, argname in zip(items, argnames):
            part = _value_id(item, argname, index)
            if part is None:
                return None
            parts.append(part)
        resolved.append("-".join(parts))
    return _unique(resolved)


def _is_param_call(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "param") or (isinstance(func, ast.Name) and func.id == "param")


def _value_id(node: ast.expr, argname: str, index: int) -> Optional[str]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        inner = node.operand.value
        if isinstance(inner, (int, float, complex)) and not isinstance(inner, bool):
            return str(-inner)
        return None
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, str):
            return _escaped(value)
        if isinstance(value, bytes):
            return _escaped_bytes(value)
        if value is None or isinstance(value, (bool, int, float, complex)):
            return str(value)
        return None  # Ellipsis
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple, ast.ListComp, ast.DictComp, ast.SetComp)):
        return f"{argname}{index}"
    return None  # a name, attribute or call: its id depends on what it is at run time


def _escaped(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return text.encode("unicode_escape").decode("ascii")


def _escaped_bytes(data: bytes) -> str:
    return data.decode("ascii", "backslashreplace") if all(32 <= b < 127 for b in data) else repr(data)[2:-1]


def _unique(ids: list[str]) -> list[str]:
    counts = Counter(ids)
    if all(count == 1 for count in counts.values()):
        return ids
    taken = set(ids)
    suffixes: dict[str, int] = defaultdict(int)
    result = list(ids)
    for index, value in enumerate(ids):
        if counts[value] > 1:
            suffix = "_" if value and value[-1].isdigit() else ""
            new = f"{value}{suffix}{suffixes[value]}"
            while new in taken:
                suffixes[value] += 1
                new = f"{value}{suffix}{suffixes[value]}"
            result[index] = new
            taken.add(new)
            suffixes[value] += 1
    return result
