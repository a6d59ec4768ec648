"""Changes that every run of a test makes alike, so no case or rerun sees another's.

A parametrize value is shared by the reruns of its test (``--count``, a flaky-retry
plugin, ``pytest -p xdist --looponfail``), and a class or module mark's value by the
tests under it. A change to it leaks only if a later run can see a difference:
fill-ins (``if k not in d: d[k] = v``, ``setdefault``), one-shot normalisations and
conversions of the value's own items, and writes of values the run computes the same
way each time leave the data as every run finds it (:func:`is_rerun_stable`).
"""
from __future__ import annotations

import ast
from typing import Collection, Iterable, Optional

from .mutation import FunctionScope, Mutation, contains, dotted, position


def is_rerun_stable(mutation: Mutation, scope: FunctionScope, fixed: Collection[str] = ()) -> bool:
    """Whether a change to parametrize data leaves the data the same on every run of
    the test, so a rerun or a stacked case sees what the first run saw:

    - ``d.setdefault(k, v)``, and ``d[k] = v`` under ``if k not in d:`` (a fill-in),
    - ``d["k"] = v`` / ``d.update(k=v)`` with constant keys, as a statement of the
      function's own top level (run every time) or under an ``if`` that tests only
      ``fixed`` names (the other values of the same parametrize case), before any other
      use of ``d`` except reads of other constant keys, and with a value that does not
      read ``d`` (every run overwrites the key before anything reads it), and later
      changes of a key so overwritten,
    - ``d.update(mapping)`` whose keys are the same on every run (``{"a": v}``,
      ``dict(zip(K, V))`` with ``K`` built from constants, module names and the case's
      own values), with values that do not read ``d``, before any use of ``d``,
    - ``d["k"] = f(d["k"], ...)`` for a conversion ``f`` that gives the same value when
      applied again (``np.array(x, dtype=D)``, ``x.astype(D)``, ``list(x)``),
    - a one-shot normalisation whose guard the new value fails: ``if d.get("k") ==
      "unix": d["k"] = f"unix://{tmp}"`` and ``for i, x in enumerate(L): if x == "a":
      L[i] = str(path)``; a rerun skips it and keeps the first run's value, which the
      rest of the test is written to accept.

    A read of the written keys before the change (``assert d["a"] == 1``) makes the first
    run and a rerun see different values, so none of these is stable then.
    """
    if _key_reset_first(mutation, scope, fixed):
        return True
    return _stable_write(mutation.node, mutation.name, scope, fixed)


def _runs_alike(statement: ast.stmt, body: list[ast.stmt], fixed: Collection[str]) -> bool:
    """Whether ``statement`` runs on every run alike: a statement of ``body`` (or of a
    ``with`` block in it), or of an ``if`` in it whose test reads only ``fixed`` names (values of the same parametrize
    case, so each run of that case takes the same branch) and constants."""
    for candidate in body:
        if candidate is statement:
            return True
        if isinstance(candidate, (ast.With, ast.AsyncWith)) and _runs_alike(statement, candidate.body, fixed):
            return True
        if isinstance(candidate, ast.If) and all(
            n.id in fixed for n in ast.walk(candidate.test) if isinstance(n, ast.Name)
        ) and not any(isinstance(n, (ast.Call, ast.Attribute, ast.Subscript)) for n in ast.walk(candidate.test)):
            if _runs_alike(statement, candidate.body, fixed) or _runs_alike(statement, candidate.orelse, fixed):
                return True
    return False


def _key_reset_first(mutation: Mutation, scope: FunctionScope, fixed: Collection[str]) -> bool:
    """A later change of ``d["k"]`` after an earlier stable overwrite of ``d["k"]``: every
    run sets the key again before anything reads it (``d["engine"] = "numba"; ...;
    d["engine"] = "cython"``)."""
    target = mutation.target
    if not (isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant)):
        return False
    if dotted(target.value) != mutation.name:
        return False
    key = target.slice.value
    for statement in scope.function.body:
        if position(statement) >= position(mutation.node):
            return False
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Subscript)
            and isinstance(statement.targets[0].slice, ast.Constant)
            and statement.targets[0].slice.value == key
            and dotted(statement.targets[0].value) == mutation.name
        ):
            return _stable_write(statement, mutation.name, scope, fixed)
    return False


def _stable_write(node: ast.AST, name: str, scope: FunctionScope, fixed: Collection[str]) -> bool:
    keys: Optional[list[object]] = None
    values: list[ast.expr] = []
    guard: Optional[ast.If] = None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setdefault":
        if dotted(node.func.value) != name or not node.args:
            return False
        first = node.args[0]
        keys = [first.value] if isinstance(first, ast.Constant) else None
        values = list(node.args[1:])
    elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript):
        target = node.targets[0]
        if dotted(target.value) == name and _normalised_in_loop(node, name, scope):
            loop = _enclosing_loop(node, scope)
            return loop is not None and _runs_alike(loop, scope.function.body, fixed) and not _read_before(
                loop, name, None, scope
            )
        if dotted(target.value) != name or not isinstance(target.slice, ast.Constant):
            return False
        keys, values = [target.slice.value], [node.value]
        guard = _fill_guard(node, target.slice.value, name, scope)
        if _converts_own_item(node.value, target, name, scope, fixed):
            values = []  # ``d["k"] = np.array(d["k"], dtype=D)``: a rerun converts again, alike
    elif (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
        and dotted(node.func.value) == name and len(node.args) <= 1 and all(k.arg for k in node.keywords)
    ):
        keys = [k.arg for k in node.keywords]
        values = [k.value for k in node.keywords]
        if node.args:
            # ``d.update(mapping)``: the same keys on every run, overwritten before any read
            found = _mapping_keys(node.args[0], scope, fixed)
            if found is None:
                return False
            more, mapping_values = found
            keys = None if more is None else keys + more
            values += mapping_values
    else:
        return False
    if _mentions(values, name):
        return False
    statement = node if isinstance(node, ast.stmt) else _statement_of(node, scope)
    if guard is not None:
        statement = guard  # ``if k not in d: d[k] = v`` fills the key in on every run
    if statement is None or not _runs_alike(statement, scope.function.body, fixed):
        return False
    return not _read_before(statement, name, keys, scope)


def _read_before(statement: ast.stmt, name: str, keys: Optional[list[object]], scope: FunctionScope) -> bool:
    """Whether the function uses ``name`` before ``statement`` other than to read other
    constant keys than ``keys`` (``None``: any use counts)."""
    base = name.split(".", 1)[0]
    before = position(statement)
    for use in scope.body.of(ast.Name):
        if use.id != base or position(use) >= before or not scope.owns(use) or not isinstance(use.ctx, ast.Load):
            continue
        # An earlier read of the key itself (``had = "k" in d``) sees the filled-in value
        # on a rerun: only reads of other constant keys leave the run alike.
        if keys is None or not _keyed_read_of_other_key(use, name, keys, scope):
            return True
    return False


def _mentions(values: Iterable[ast.expr], name: str) -> bool:
    base = name.split(".", 1)[0]
    return any(isinstance(n, ast.Name) and n.id == base for value in values for n in ast.walk(value))


def _statement_of(node: ast.AST, scope: FunctionScope) -> Optional[ast.stmt]:
    for statement in scope.function.body:
        if isinstance(statement, ast.Expr) and statement.value is node:
            return statement
    return None


def _fill_guard(node: ast.stmt, key: object, name: str, scope: FunctionScope) -> Optional[ast.If]:
    """The ``if`` whose body holds ``d[key] = v`` and whose test the written value makes
    false, so a rerun skips the branch and keeps what the first run wrote, else ``None``:

    - ``if key not in d:`` (a fill-in),
    - ``if d.get(key) is None:`` / ``if d[key] is None:`` with a value that is not ``None``,
    - ``if d.get(key) == C:`` / ``if d[key] == C:`` with a value other than the constant
      ``C``: a one-shot normalisation (``if kw.get("host") == "unix": kw["host"] =
      f"unix://{tmp_path}/s"``). A rerun uses the first run's normalised value, which the
      code after the branch is written to accept (it may name the first run's tmp path).
    """
    assert isinstance(node, ast.Assign)
    for branch in scope.body.of(ast.If):
        test = branch.test
        if not (node in branch.body and isinstance(test, ast.Compare) and len(test.ops) == 1):
            continue
        op, right = test.ops[0], test.comparators[0]
        if isinstance(op, ast.NotIn):
            if isinstance(test.left, ast.Constant) and test.left.value == key and dotted(right) == name:
                return branch
            continue
        if not isinstance(op, (ast.Eq, ast.Is)):
            continue
        place, constant = test.left, right
        if isinstance(place, ast.Constant):
            place, constant = constant, place
        if not isinstance(constant, ast.Constant) or not _reads_key(place, name, key):
            continue
        if isinstance(op, ast.Is) and constant.value is not None:
            continue
        if isinstance(node.value, ast.Constant) and node.value.value == constant.value:
            continue
        return branch
    return None


def _reads_key(node: ast.expr, name: str, key: object) -> bool:
    """``d[key]`` or ``d.get(key)``."""
    if isinstance(node, ast.Subscript):
        return dotted(node.value) == name and isinstance(node.slice, ast.Constant) and node.slice.value == key
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        first = node.args[0] if node.args else None
        return (
            dotted(node.func.value) == name and len(node.args) == 1 and not node.keywords
            and isinstance(first, ast.Constant) and first.value == key
        )
    return False


IDEMPOTENT_CONVERSIONS = frozenset(
    {
        "list", "tuple", "set", "frozenset", "sorted", "str", "int", "float", "bool", "bytes", "dict",
        "numpy.array", "numpy.asarray", "numpy.asanyarray", "numpy.ascontiguousarray",
        "numpy.asfortranarray", "pandas.array", "pandas.Series", "pandas.Index", "pandas.Categorical",
        "pandas.to_datetime", "pandas.to_timedelta",
    }
)
"""Calls ``f(x, *args)`` with ``f(f(x, *args), *args) == f(x, *args)``: type conversions."""

IDEMPOTENT_METHODS = frozenset({"astype", "lower", "upper", "casefold", "strip", "lstrip", "rstrip"})
"""Methods ``x.m(*args)`` that give the same result when applied to their own result."""


def _converts_own_item(value: ast.expr, target: ast.Subscript, name: str, scope: FunctionScope, fixed: Collection[str]) -> bool:
    """``d["k"] = f(d["k"], ...)`` for a conversion ``f`` that, applied again to its own
    result with the same other arguments, gives the same value (``np.array(x, dtype=D)``,
    ``x.astype(D)``, ``list(x)``): a rerun converts the converted value to the same."""
    if not (isinstance(value, ast.Call) and isinstance(target.slice, ast.Constant)):
        return False
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr in IDEMPOTENT_METHODS:
        subject, others = func.value, list(value.args)
    elif value.args and (scope.body.qualified_name(func) or dotted(func)) in IDEMPOTENT_CONVERSIONS:
        if scope.bindings(dotted(func) or "") and scope.body.qualified_name(func) is None:
            return False  # a local of that name is something else
        subject, others = value.args[0], list(value.args[1:])
    else:
        return False
    if not _reads_key(subject, name, target.slice.value) or isinstance(subject, ast.Call):
        return False
    others += [k.value for k in value.keywords]
    return not _mentions(others, name) and all(_run_invariant(o, scope, fixed) for o in others)


_NONDETERMINISTIC = ("random.", "numpy.random.", "uuid.", "time.", "datetime.", "os.urandom", "secrets.")


def _run_invariant(node: ast.expr, scope: FunctionScope, fixed: Collection[str], depth: int = 3) -> bool:
    """Whether ``node`` has the same value on every run of the same case: constants,
    module-level names, the case's own parametrize values (``fixed``), locals bound only
    to such values, and calls of imported or module-level callables on them (not the
    random, uuid and clock modules'). A fixture parameter (``tmp_path``) is not."""
    if depth < 0:
        return False
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        if node.id in fixed:
            return True
        args = scope.function.args
        params = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
        if any(p.arg == node.id for p in params):
            return False
        imports = {position(i) for i in scope.body.of(ast.Import) + scope.body.of(ast.ImportFrom)}
        return all(
            position(b.node) in imports if b.value is None else _run_invariant(b.value, scope, fixed, depth - 1)
            for b in scope.bindings(node.id)
        )
    if isinstance(node, ast.Attribute):
        return _run_invariant(node.value, scope, fixed, depth)
    if isinstance(node, ast.Call):
        qualified = scope.body.qualified_name(node.func) or dotted(node.func)
        if qualified is None or qualified.startswith(_NONDETERMINISTIC):
            return False
        parts = list(node.args) + [k.value for k in node.keywords]
        return _run_invariant(node.func, scope, fixed, depth) and all(
            _run_invariant(p, scope, fixed, depth) for p in parts
        )
    if isinstance(node, (ast.Subscript, ast.Tuple, ast.List, ast.Set, ast.BinOp, ast.UnaryOp, ast.BoolOp,
                         ast.Compare, ast.IfExp, ast.Dict, ast.Slice, ast.JoinedStr, ast.FormattedValue)):
        return all(
            _run_invariant(child, scope, fixed, depth)
            for child in ast.iter_child_nodes(node)
            if isinstance(child, ast.expr)
        )
    return False


def _mapping_keys(
    node: ast.expr, scope: FunctionScope, fixed: Collection[str]
) -> Optional[tuple[Optional[list[object]], list[ast.expr]]]:
    """For the argument of ``d.update(mapping)`` whose keys are the same on every run:
    ``(the constant keys or None when not constants, the value expressions)``; ``None``
    when the keys may differ between runs. ``{"a": v}``, ``dict(a=v)``, ``dict(zip(K, V))``
    with run-invariant ``K``."""
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            return None
        if all(isinstance(k, ast.Constant) for k in node.keys):
            return [k.value for k in node.keys if isinstance(k, ast.Constant)], list(node.values)
        if all(k is not None and _run_invariant(k, scope, fixed) for k in node.keys):
            return None, list(node.values)
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        if scope.bindings("dict") or any(k.arg is None for k in node.keywords) or len(node.args) > 1:
            return None
        keys: list[object] = [k.arg for k in node.keywords]
        values = [k.value for k in node.keywords]
        if not node.args:
            return keys, values
        inner = node.args[0]
        if (
            isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "zip"
            and len(inner.args) == 2 and not inner.keywords and not scope.bindings("zip")
            and _run_invariant(inner.args[0], scope, fixed)
        ):
            return None, values + [inner.args[1]]
        found = _mapping_keys(inner, scope, fixed)
        if found is None:
            return None
        more, more_values = found
        return (None if more is None else keys + more), values + more_values
    return None


def _enclosing_loop(node: ast.stmt, scope: FunctionScope) -> Optional[ast.For]:
    for loop in scope.body.of(ast.For):
        if scope.owns(loop) and contains(loop, node):
            return loop
    return None


def _normalised_in_loop(node: ast.Assign, name: str, scope: FunctionScope) -> bool:
    """``for i, x in enumerate(L): if x == C1: L[i] = v1 elif x == C2: L[i] = v2``: each
    item equal to one of the constants is replaced by a value other than those
    constants, so a rerun finds none of them and keeps the first run's values (a one-shot
    normalisation, as in :func:`_fill_guard`)."""
    loop = _enclosing_loop(node, scope)
    if loop is None or loop.orelse or len(loop.body) != 1 or not isinstance(loop.body[0], ast.If):
        return False
    it, target = loop.iter, loop.target
    if not (
        isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate"
        and len(it.args) == 1 and not it.keywords and dotted(it.args[0]) == name
        and isinstance(target, ast.Tuple) and len(target.elts) == 2
        and all(isinstance(e, ast.Name) for e in target.elts)
    ):
        return False
    index, item = (e.id for e in target.elts if isinstance(e, ast.Name))
    constants: list[object] = []
    writes: list[ast.expr] = []
    branch: Optional[ast.stmt] = loop.body[0]
    while isinstance(branch, ast.If):
        test = branch.test
        if not (
            isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and isinstance(test.left, ast.Name) and test.left.id == item
            and isinstance(test.comparators[0], ast.Constant)
        ):
            return False
        constants.append(test.comparators[0].value)
        for statement in branch.body:
            if not (
                isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Subscript)
                and dotted(statement.targets[0].value) == name
                and isinstance(statement.targets[0].slice, ast.Name)
                and statement.targets[0].slice.id == index
            ):
                return False
            writes.append(statement.value)
        if not branch.orelse:
            break
        if len(branch.orelse) != 1:
            return False
        branch = branch.orelse[0]
    else:
        return False  # a bare ``else:`` rewrites every other item
    for value in writes:
        if isinstance(value, ast.Constant) and value.value in constants:
            return False
        if any(isinstance(n, ast.Name) and n.id in (name.split(".", 1)[0], item, index) for n in ast.walk(value)):
            return False
    return True


def _keyed_read_of_other_key(use: ast.Name, name: str, keys: list[object], scope: FunctionScope) -> bool:
    """``d["other"]``, ``d.get("other")``, ``"other" in d`` for a constant key not written."""
    if name != use.id:
        return False
    for sub in scope.body.of(ast.Subscript):
        if sub.value is use:
            return isinstance(sub.slice, ast.Constant) and sub.slice.value not in keys
    for attribute in scope.body.of(ast.Attribute):
        if attribute.value is use:
            if attribute.attr != "get":
                return False
            for call in scope.body.of(ast.Call):
                if call.func is attribute:
                    first = call.args[0] if call.args else None
                    return isinstance(first, ast.Constant) and first.value not in keys
            return False
    for compare in scope.body.of(ast.Compare):
        if len(compare.comparators) == 1 and compare.comparators[0] is use and isinstance(compare.ops[0], (ast.In, ast.NotIn)):
            return isinstance(compare.left, ast.Constant) and compare.left.value not in keys
    return False
