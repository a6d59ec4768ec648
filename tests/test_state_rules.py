"""FXL101, FXL102, FXL201, FXL202: the shared model (mutability, mutation) and the fixes.

The on-disk cases (tests/cases/fxl1*, fxl2*) pin the findings; here the model functions
are tested on small functions, and every fix is checked before/after through the CLI
(``--fix --unsafe-fixes``), with the invariants: the result parses, fixing again changes
nothing, ``--diff`` shows exactly what ``--fix`` writes, and the finding is gone.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path
from typing import Optional

import pytest

from fixture_lint.model.bodies import BodyIndex
from fixture_lint.model.facts import collect_facts
from fixture_lint.state.mutability import Mutability
from fixture_lint.state.mutation import FunctionScope, find_mutations
from helpers import Finding, check, run_cli, write_tree


# -- the model --------------------------------------------------------------------------
def _function(source: str) -> tuple[ast.Module, ast.FunctionDef, FunctionScope]:
    tree = ast.parse(textwrap.dedent(source))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("f"))
    facts = collect_facts(tree)
    return tree, function, FunctionScope(function, BodyIndex(function, facts.resolver))


def mutated(source: str, roots: tuple[str, ...] = ("x",), inplace: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """``(line, how)`` of each mutation of ``roots`` in the function ``f``."""
    _, function, scope = _function(source)
    return [(m.node.lineno, m.how) for m in find_mutations(function, scope, roots, inplace)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "statement, how",
    [
        ("x['k'] = 1", "item assignment"),
        ("x[1:] = []", "item assignment"),
        ("a, x.b = 1, 2", "attribute assignment"),
        ("x.attr: int = 1", "attribute assignment"),
        ("del x['k']", "item deletion"),
        ("del x.attr", "attribute deletion"),
        ("x.n += 1", "augmented assignment"),
        ("x.append(1)", "`.append()`"),
        ("x.rows[0].extend([1])", "`.extend()`"),
        ("y = x.pop()", "`.pop()`"),
        ("x.setdefault('k', [])", "`.setdefault()`"),
        ("random.shuffle(x)", "`random.shuffle()`"),
        ("setattr(x, 'a', 1)", "`setattr()`"),
    ],
)
def test_mutation_shapes(statement: str, how: str) -> None:
    source = f"import random\n\ndef f(x):\n    {statement}\n"
    assert mutated(source) == [(4, how)]


@pytest.mark.parametrize(
    "body",
    [
        "y = x['k']\nz = len(x)\nfor item in x:\n    print(item)",
        "x = x + [1]\nx.append(2)",
        "x = dict(x)\nx['k'] = 1",
        "x = copy.deepcopy(x)\nx.append(1)",
        "x += [1]",  # unknown type: could be a tuple or a number
        "new = x.append(other)",  # a result is used: not list.append (pandas Index.append)
        "def g(x):\n    x.append(1)",
        "cb = lambda: x.clear()",
        "[x.append(1) for x in ([], [])]",
        "y = x.copy()\ny.append(1)",
        "x.copy().append(1)",
    ],
)
def test_not_mutations(body: str) -> None:
    source = "import copy\n\ndef f(x):\n" + textwrap.indent(body, "    ") + "\n"
    assert mutated(source) == []


def test_inplace_operator_on_a_known_list() -> None:
    assert mutated("def f(x):\n    x += [1]\n", inplace=("x",)) == [(2, "in-place operator")]


def test_alias_of_request_param() -> None:
    source = """
    def f(request):
        data = request.param
        data['k'] = 1
        other = dict(request.param)
        other['k'] = 2
    """
    assert mutated(source, roots=("request.param",)) == [(4, "item assignment")]


def test_teardown_and_restored_changes_are_left_out() -> None:
    source = """
    def f(x):
        x.flag = True
        x.items.append(1)
        x.kept = 1
        yield
        x.flag = False
        x.items.remove(1)
        x.other.clear()
    """
    assert mutated(source) == [(5, "attribute assignment")]


def test_finally_restores() -> None:
    source = """
    def f(x):
        x['k'] = 1
        try:
            pass
        finally:
            del x['k']
    """
    assert mutated(source) == []


def _mutability(source: str) -> Optional[str]:
    """The kind of value ``f`` returns, per the model."""
    tree, function, scope = _function(source)
    facts = collect_facts(tree)
    model = Mutability(tree, facts.constants, facts.resolver)
    returned = next(n for n in ast.walk(function) if isinstance(n, ast.Return))
    found = model.of(returned.value, scope)
    return found.kind if found is not None else None


@pytest.mark.parametrize(
    "source, kind",
    [
        ("def f():\n    return [1]", "list"),
        ("def f():\n    return [0] * 3", "list"),
        ("def f():\n    return {k: 1 for k in 'ab'}", "dict"),
        ("def f():\n    return set()", "set"),
        ("def f():\n    return sorted([3, 1])", "list"),
        ("import collections\ndef f():\n    return collections.OrderedDict()", "collections.OrderedDict"),
        ("from types import SimpleNamespace as NS\ndef f():\n    return NS(a=1)", "types.SimpleNamespace"),
        ("import copy\ndef f():\n    return copy.copy({})", "dict"),
        ("def f():\n    x = []\n    x.append(1)\n    return x", "list"),
        ("D = {}\ndef f():\n    return D", "dict"),
        ("from dataclasses import dataclass\n@dataclass\nclass C:\n    a: int = 0\ndef f():\n    return C()", "dataclass C"),
        ("def f():\n    return (1, 2)", None),
        ("def f():\n    return frozenset({1})", None),
        ("import types\ndef f():\n    return types.MappingProxyType({})", None),
        ("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass C:\n    a: int = 0\ndef f():\n    return C()", None),
        ("import copy\ndef f():\n    return copy.copy((1,))", None),
        ("def f():\n    x = []\n    x = tuple(x)\n    return x", None),
        ("def f(x):\n    return x", None),
        ("def f():\n    return make()", None),
        ("def f():\n    return lambda: []", None),
        ("def list(): pass\ndef f():\n    return list()", None),
    ],
)
def test_mutability(source: str, kind: Optional[str]) -> None:
    assert _mutability(source) == kind


# -- fixes: before / after through the CLI ------------------------------------------------
def fixed(tmp_path: Path, files: dict[str, str], path: str = "test_example.py") -> str:
    """Fix the tree with ``--fix --unsafe-fixes`` and check the invariants; returns the
    fixed text of ``path``."""
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", **files})
    before = {p: (root / p).read_text(encoding="utf-8") for p in files}
    diff = run_cli(["--diff", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    assert {p: (root / p).read_text(encoding="utf-8") for p in files} == before, "--diff wrote files"
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    assert run.code in (0, 1) and "error" not in run.err, (run.code, run.err)
    after = (root / path).read_text(encoding="utf-8")
    ast.parse(after)
    for relative in files:
        if (root / relative).read_text(encoding="utf-8") != before[relative]:
            assert relative in diff.out, f"--diff did not show the change to {relative}"
    again = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    assert again.code in (0, 1)
    assert (root / path).read_text(encoding="utf-8") == after, "a second --fix changed the file"
    return after


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_fxl201_copies_after_the_docstring(tmp_path: Path) -> None:
    source = '''
    import copy as _copy_module  # an alias does not bind `copy`
    import pytest


    class TestLog:
        @pytest.mark.parametrize("events", [["start"]])
        def test_log(self, events):
            """Stop is logged after start."""
            events.append("stop")
            assert events[-1] == "stop"
    '''
    assert fixed(tmp_path, {"test_example.py": source}) == dedent(
        '''
        import copy as _copy_module  # an alias does not bind `copy`
        import copy
        import pytest


        class TestLog:
            @pytest.mark.parametrize("events", [["start"]])
            def test_log(self, events):
                """Stop is logged after start."""
                events = copy.deepcopy(events)
                events.append("stop")
                assert events[-1] == "stop"
        '''
    )
    assert check(tmp_path) == []


def test_fxl201_two_values_of_one_test(tmp_path: Path) -> None:
    source = """
    import pytest


    @pytest.mark.parametrize("a, b", [([1], {"k": 1})])
    def test_both(a, b):
        a.append(2)
        b["k"] += 2
        a.append(3)
    """
    after = fixed(tmp_path, {"test_example.py": source})
    assert after.count("a = copy.deepcopy(a)") == 1 and after.count("b = copy.deepcopy(b)") == 1
    assert check(tmp_path) == []


@pytest.mark.parametrize(
    "source",
    [
        # the statement shares the def's line
        "import pytest\n\n\n@pytest.mark.parametrize('x', [[1]])\ndef test_one(x): x.append(2)\n",
        # `copy` is something else here
        "import pytest\nfrom copy import copy\n\n\n@pytest.mark.parametrize('x', [[1]])\ndef test_one(x):\n    x.append(copy(2))\n",
    ],
    ids=["one-line", "copy-shadowed"],
)
def test_fxl201_no_fix(tmp_path: Path, source: str) -> None:
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_example.py": source})
    run = run_cli(["--output-format", "json", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    found = [item for item in run.json() if item["code"] == "FXL201"]
    assert len(found) == 1 and found[0]["fix"] is None


# -- resolution ---------------------------------------------------------------------------
def test_fxl102_override_chain_resolves_above_each_override(tmp_path: Path) -> None:
    """Two overrides deep: each `servers(servers)` gets the definition above it, so only
    the function-scoped one mutating the session value is flagged."""
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "tests/conftest.py": (
                "import pytest\n\n\n@pytest.fixture(scope='session')\ndef servers():\n    return make()\n\n\n"
                "def make():\n    raise NotImplementedError\n"
            ),
            "tests/a/conftest.py": (
                "import pytest\n\n\n@pytest.fixture(scope='session')\ndef servers(servers):\n"
                "    servers.append('a')\n    return servers\n"
            ),
            "tests/a/b/test_b.py": (
                "import pytest\n\n\n@pytest.fixture\ndef servers(servers):\n    servers.append('b')\n    return servers\n"
            ),
        },
    )
    assert check(root, "--preview", "--select", "FXL102") == [Finding("tests/a/b/test_b.py", 6, 5, "FXL102")]


def test_fxl102_allow_option(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.pytest.ini_options]\n\n[tool.fixture-lint.wide-fixture-value-mutated]\nallow = ["registry"]\n',
            "conftest.py": "import pytest\n\n\n@pytest.fixture(scope='session')\ndef registry():\n    return make()\n",
            "test_example.py": "def test_register(registry, pytestconfig):\n    registry.add(1)\n    pytestconfig.x = 1\n",
        },
    )
    assert check(root, "--preview", "--select", "FXL102") == [Finding("test_example.py", 3, 5, "FXL102")]
