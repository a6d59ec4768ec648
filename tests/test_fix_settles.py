"""Every fix shown as fixable is one ``--fix`` can make (issue: "every fix settles, or is
not offered").

Generated programs in the shapes whose fixes have looped or broken before: parametrize
values mutated directly, through aliases, augmented assignment and nested containers
(FXL201's copy fix), environment writes (FXL301's monkeypatch fix), identical fixture
copies (FXL401's delete fix), several of them in one file so that their fixes meet in
one pass. Through the real CLI: what the check marks fixable, ``--fix --unsafe-fixes``
fixes, nothing fixable is left, every fixed file parses, and a second ``--fix`` changes
nothing.
"""
from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

from helpers import write_tree

VALUES = ("[1, 2]", "{'a': 1}", "{1, 2}", "[[1], [2]]", "{'k': [1]}")
MUTATIONS = (
    "{v}.append(0)",
    "{v}.clear()",
    "{v} += [1]",
    "{v}['a'] = 2",
    "{v}.update({{'b': 2}})",
    "{v}.add(3)",
    "{v}[0].append(1)",
    "{v}['k'].append(2)",
)
ALIASES = (
    ("", "data"),
    ("alias = data\n    ", "alias"),
    ("alias = data\n    other = alias\n    ", "other"),
    ("(alias,) = (data,)\n    ", "alias"),
    ("alias = data\n    data = list(data) if isinstance(data, list) else data\n    ", "alias"),
)
EXTRAS = (
    "",
    "\n\ndef test_env():\n    os.environ['FXL_GEN'] = '1'\n",
    "\n\n@pytest.fixture\ndef shared():\n    return 1\n",
)
CONFTEST = "import pytest\n\n\n@pytest.fixture\ndef shared():\n    return 1\n"


def _program(rng: random.Random, number: int) -> str:
    parts = ["import os\n\nimport pytest\n"]
    for index in range(rng.randint(1, 3)):
        value = rng.choice(VALUES)
        prefix, name = rng.choice(ALIASES)
        mutation = rng.choice(MUTATIONS).format(v=name)
        parts.append(
            f"\n\n@pytest.mark.parametrize('data', [{value}, {value}])\n"
            f"def test_gen_{number}_{index}(data):\n    {prefix}{mutation}\n    assert data is not None\n"
        )
    parts.append(rng.choice(EXTRAS))
    return "".join(parts)


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", *args, "."],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def test_what_is_shown_fixable_is_fixed(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    files = {f"test_gen_{n}.py": _program(rng, n) for n in range(120)}
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "conftest.py": CONFTEST, **files})
    shown = json.loads(_run(root, "--output-format", "json").stdout)
    fixable = [item for item in shown if item["fix"]]
    assert len(fixable) > 100 and {item["code"] for item in fixable} >= {"FXL201", "FXL301", "FXL401"}
    fixed = _run(root, "--fix", "--unsafe-fixes")
    assert "error" not in fixed.stderr, fixed.stderr
    left = json.loads(_run(root, "--output-format", "json").stdout)
    assert [item for item in left if item["fix"]] == []
    for name in files:
        compile((root / name).read_text(encoding="utf-8"), name, "exec")
    before = {name: (root / name).read_bytes() for name in files}
    _run(root, "--fix", "--unsafe-fixes")
    assert {name: (root / name).read_bytes() for name in files} == before


def test_the_generator_covers_every_alias_and_mutation_form() -> None:
    """The seeded programs above hold each alias and mutation form at least once."""
    rng = random.Random(20261201)
    text = "".join(_program(rng, n) for n in range(120))
    for (prefix, name), mutation in itertools.product(ALIASES, MUTATIONS):
        assert mutation.format(v=name).split("(")[0] in text
        assert prefix.strip().split("\n")[0] in text
