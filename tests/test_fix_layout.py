"""Fixes that look like the code around them (issue 12).

* A parameter that a fix adds (``monkeypatch``, FXL301) follows the signature's layout:
  a one-line signature stays one line; one parameter per line gets one more line with the
  same indentation, with a trailing comma where the signature has one; comments stay with
  their parameters; the place keeps the signature valid (after the last positional
  parameter without a default, before defaults, ``*``, ``*args``, ``**kwargs``).
* An import that a fix adds (``import copy``, FXL201) goes where isort / ruff's I001
  (default profile) would put it: its section of the leading import block, in
  alphabetical order among the lines of its kind; nothing else moves.

Before/after through ``fixture-lint --fix`` (dedented source in, dedented source out),
``add_imports`` directly for layouts no rule produces, and CRLF and BOM files as bytes.
The invariant harness (tests/test_fix_invariants.py) checks the same on every case;
its checkers are tested here on layouts they must reject.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from fixture_lint.fixing import add_imports
from helpers import run_cli, write_tree
from test_fix_invariants import added_import_problems, added_parameter_problems, check_fix_invariants


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def fix_source(tmp_path: Path, source: str, *args: str) -> str:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_example.py": source})
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", *args, "."], cwd=tmp_path)
    assert run.code in (0, 1), run.err
    assert "error" not in run.err, run.err
    return (tmp_path / "test_example.py").read_text(encoding="utf-8")


def assert_fixes_to(tmp_path: Path, before: str, after: str) -> None:
    fixed = fix_source(tmp_path, dedent(before))
    assert fixed == dedent(after)
    ast.parse(fixed)
    assert added_parameter_problems(dedent(before), fixed) == []
    assert added_import_problems(dedent(before), fixed) == []
    again = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert again.code in (0, 1) and (tmp_path / "test_example.py").read_text(encoding="utf-8") == fixed


# -- the added parameter ---------------------------------------------------------------
PARAMETERS = [
    pytest.param(
        """
        import os


        def test_x(
            tmp_path,
            capsys,
        ):
            os.environ["A"] = "1"
        """,
        """
        import os


        def test_x(
            tmp_path,
            capsys,
            monkeypatch,
        ):
            monkeypatch.setenv("A", "1")
        """,
        id="one-per-line-trailing-comma",
    ),
    pytest.param(
        """
        import os


        def test_x(
            tmp_path,
            capsys
        ):
            os.environ["A"] = "1"
        """,
        """
        import os


        def test_x(
            tmp_path,
            capsys,
            monkeypatch
        ):
            monkeypatch.setenv("A", "1")
        """,
        id="one-per-line-no-trailing-comma",
    ),
    pytest.param(
        """
        import os


        def test_x(
            tmp_path,  # the directory
            capsys,  # the output
        ):
            os.environ["A"] = "1"


        def test_y(
            tmp_path,  # the directory
            capsys  # the output
        ):
            os.environ["B"] = "2"
        """,
        """
        import os


        def test_x(
            tmp_path,  # the directory
            capsys,  # the output
            monkeypatch,
        ):
            monkeypatch.setenv("A", "1")


        def test_y(
            tmp_path,  # the directory
            capsys,  # the output
            monkeypatch
        ):
            monkeypatch.setenv("B", "2")
        """,
        id="comments-stay-with-their-parameters",
    ),
    pytest.param(
        """
        import os
        from pathlib import Path


        def test_x(
            tmp_path: Path,
            count: int = 3,
            *args: str,
            flag: bool = False,
            **options: object,
        ) -> None:
            os.environ["A"] = "1"
        """,
        """
        import os
        from pathlib import Path


        def test_x(
            tmp_path: Path,
            monkeypatch,
            count: int = 3,
            *args: str,
            flag: bool = False,
            **options: object,
        ) -> None:
            monkeypatch.setenv("A", "1")
        """,
        id="annotations-defaults-and-stars",
    ),
    pytest.param(
        """
        import os


        def test_x(
            value=3,
        ):
            os.environ["A"] = "1"


        def test_y(
            *,
            flag,
        ):
            os.environ["B"] = "2"
        """,
        """
        import os


        def test_x(
            monkeypatch,
            value=3,
        ):
            monkeypatch.setenv("A", "1")


        def test_y(
            monkeypatch,
            *,
            flag,
        ):
            monkeypatch.setenv("B", "2")
        """,
        id="before-a-default-and-the-keyword-only-marker",
    ),
    pytest.param(
        """
        import os


        def test_a(tmp_path, value=3):
            os.environ["A"] = "1"


        def test_b(*args):
            os.environ["B"] = "2"


        def test_c(*, flag):
            os.environ["C"] = "3"


        def test_d(**kwargs):
            os.environ["D"] = "4"


        def test_e(tmp_path, *args, **kwargs) -> None:
            os.environ["E"] = "5"


        def test_f():
            os.environ["F"] = "6"
        """,
        """
        import os


        def test_a(tmp_path, monkeypatch, value=3):
            monkeypatch.setenv("A", "1")


        def test_b(monkeypatch, *args):
            monkeypatch.setenv("B", "2")


        def test_c(monkeypatch, *, flag):
            monkeypatch.setenv("C", "3")


        def test_d(monkeypatch, **kwargs):
            monkeypatch.setenv("D", "4")


        def test_e(tmp_path, monkeypatch, *args, **kwargs) -> None:
            monkeypatch.setenv("E", "5")


        def test_f(monkeypatch):
            monkeypatch.setenv("F", "6")
        """,
        id="one-line-signatures-stay-one-line",
    ),
    pytest.param(
        """
        import os


        def test_x(tmp_path,
                   capsys):
            os.environ["A"] = "1"
        """,
        """
        import os


        def test_x(tmp_path,
                   capsys,
                   monkeypatch):
            monkeypatch.setenv("A", "1")
        """,
        id="hanging-aligned",
    ),
    pytest.param(
        """
        import os


        class TestThings:
            def test_x(
                self,
                tmp_path,
            ):
                os.environ["A"] = "1"
        """,
        """
        import os


        class TestThings:
            def test_x(
                self,
                tmp_path,
                monkeypatch,
            ):
                monkeypatch.setenv("A", "1")
        """,
        id="method-indentation",
    ),
    pytest.param(
        """
        import os


        def test_x(
            tmp_path, capsys,
            caplog,
        ):
            os.environ["A"] = "1"
        """,
        """
        import os


        def test_x(
            tmp_path, capsys,
            caplog, monkeypatch,
        ):
            monkeypatch.setenv("A", "1")
        """,
        id="packed-lines-get-it-inline",
    ),
]


@pytest.mark.parametrize("before,after", PARAMETERS)
def test_added_parameter_follows_the_signature(before: str, after: str, tmp_path: Path) -> None:
    assert_fixes_to(tmp_path, before, after)


def test_tab_indented_signature(tmp_path: Path) -> None:
    before = 'import os\n\n\ndef test_x(\n\ttmp_path,\n):\n\tos.environ["A"] = "1"\n'
    after = 'import os\n\n\ndef test_x(\n\ttmp_path,\n\tmonkeypatch,\n):\n\tmonkeypatch.setenv("A", "1")\n'
    assert fix_source(tmp_path, before) == after


# -- the added import ------------------------------------------------------------------
MUTATING_TEST = """

@pytest.mark.parametrize("events", [["start"]])
def test_log(events):
    events.append("stop")
    assert events == ["start", "stop"]
"""
COPIED_TEST = """

@pytest.mark.parametrize("events", [["start"]])
def test_log(events):
    events = copy.deepcopy(events)
    events.append("stop")
    assert events == ["start", "stop"]
"""

IMPORTS = [
    pytest.param("import json\nimport os\nimport sys\n\nimport pytest\n", "import copy\nimport json\nimport os\nimport sys\n\nimport pytest\n", id="first-of-stdlib"),
    pytest.param("import abc\nimport os\n\nimport pytest\n", "import abc\nimport copy\nimport os\n\nimport pytest\n", id="between"),
    pytest.param("import abc\nimport base64\n\nimport pytest\n", "import abc\nimport base64\nimport copy\n\nimport pytest\n", id="last-of-stdlib"),
    pytest.param("import pytest\n", "import copy\n\nimport pytest\n", id="new-stdlib-section"),
    pytest.param(
        '"""Tests of the log."""\n\nfrom __future__ import annotations\n\nimport pytest\n',
        '"""Tests of the log."""\n\nfrom __future__ import annotations\n\nimport copy\n\nimport pytest\n',
        id="docstring-and-future",
    ),
    pytest.param(
        "# Copyright the authors.\n# Licensed under the MIT license.\n\nimport os\n\nimport pytest\n",
        "# Copyright the authors.\n# Licensed under the MIT license.\n\nimport copy\nimport os\n\nimport pytest\n",
        id="leading-comments",
    ),
    pytest.param(
        "import os\nfrom pathlib import Path\n\nimport pytest\n",
        "import copy\nimport os\nfrom pathlib import Path\n\nimport pytest\n",
        id="plain-before-from",
    ),
    pytest.param(
        "from pathlib import Path\n\nimport pytest\n",
        "import copy\nfrom pathlib import Path\n\nimport pytest\n",
        id="only-from-imports-in-stdlib",
    ),
    pytest.param(
        "import abc\n# sys for the version check\nimport sys\n\nimport pytest\n",
        "import abc\nimport copy\n# sys for the version check\nimport sys\n\nimport pytest\n",
        id="a-comment-stays-with-its-import",
    ),
    pytest.param(
        "import pytest\nimport os\n",
        "import pytest\nimport copy\nimport os\n",
        id="unsorted-block-is-not-reordered",
    ),
]


@pytest.mark.parametrize("header,fixed_header", IMPORTS)
def test_added_import_goes_where_an_import_sorter_puts_it(header: str, fixed_header: str, tmp_path: Path) -> None:
    before, after = header + MUTATING_TEST, fixed_header + COPIED_TEST
    fixed = fix_source(tmp_path, before)
    assert fixed == after
    assert added_import_problems(before, fixed) == []


ADD_IMPORTS = [
    pytest.param("def test_x():\n    pass\n", ["import copy"], "import copy\n\n\ndef test_x():\n    pass\n", id="no-imports"),
    pytest.param('"""Doc."""\n\n\nx = 1\n', ["import copy"], '"""Doc."""\n\nimport copy\n\n\nx = 1\n', id="docstring-only"),
    pytest.param('"""Doc."""\ndef test_x():\n    pass\n', ["import copy"], '"""Doc."""\n\nimport copy\n\n\ndef test_x():\n    pass\n', id="docstring-then-def"),
    pytest.param(
        "from __future__ import annotations\n\n\ndef test_x():\n    pass\n",
        ["import copy"],
        "from __future__ import annotations\n\nimport copy\n\n\ndef test_x():\n    pass\n",
        id="future-only",
    ),
    pytest.param(
        "import os\nimport sys\n\nimport pytest\n",
        ["import types", "import shutil"],
        "import os\nimport shutil\nimport sys\nimport types\n\nimport pytest\n",
        id="two-imports",
    ),
    pytest.param(
        "import os\n\nimport pytest\n\nfrom . import helpers\n",
        ["import attr"],
        "import os\n\nimport attr\nimport pytest\n\nfrom . import helpers\n",
        id="third-party",
    ),
    pytest.param("import copy\nimport os\n", ["import copy"], "import copy\nimport os\n", id="already-bound"),
    pytest.param(
        "import os\nimport pytest\nx = 1\n",
        ["import shutil"],
        "import os\nimport shutil\nimport pytest\nx = 1\n",
        id="spacing-is-the-files-own",
    ),
]


@pytest.mark.parametrize("before,imports,after", ADD_IMPORTS)
def test_add_imports(before: str, imports: list[str], after: str) -> None:
    assert add_imports(before, imports) == after


# -- line endings and BOM --------------------------------------------------------------
LAYOUT_BEFORE = dedent(
    """
    import os

    import pytest


    def test_env(
        tmp_path,
        capsys,
    ):
        os.environ["A"] = "1"
    """
) + MUTATING_TEST
LAYOUT_AFTER = dedent(
    """
    import copy
    import os

    import pytest


    def test_env(
        tmp_path,
        capsys,
        monkeypatch,
    ):
        monkeypatch.setenv("A", "1")
    """
) + COPIED_TEST


@pytest.mark.parametrize("bom", [False, True], ids=["crlf", "crlf-and-bom"])
def test_crlf_and_bom_files_keep_their_bytes(bom: bool, tmp_path: Path) -> None:
    prefix = b"\xef\xbb\xbf" if bom else b""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    path = tmp_path / "test_example.py"
    path.write_bytes(prefix + LAYOUT_BEFORE.replace("\n", "\r\n").encode("utf-8"))
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 0 and "error" not in run.err, (run.out, run.err)
    assert path.read_bytes() == prefix + LAYOUT_AFTER.replace("\n", "\r\n").encode("utf-8")


def test_bom_file_with_lf(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    path = tmp_path / "test_example.py"
    path.write_bytes(b"\xef\xbb\xbf" + LAYOUT_BEFORE.encode("utf-8"))
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 0 and "error" not in run.err, (run.out, run.err)
    assert path.read_bytes() == b"\xef\xbb\xbf" + LAYOUT_AFTER.encode("utf-8")


# -- the harness's checkers ---------------------------------------------------------------
def test_the_harness_passes_a_suite_with_multi_line_signatures(tmp_path: Path) -> None:
    # The on-disk cases have no multi-line signature that FXL301 adds to: this suite has.
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_layout.py": LAYOUT_BEFORE})
    offered = check_fix_invariants(tmp_path, unsafe=True)
    assert offered == {"FXL301": 1, "FXL201": 1}
    assert (tmp_path / "test_layout.py").read_text(encoding="utf-8") == LAYOUT_AFTER


def test_parameter_checker_rejects_a_parameter_glued_onto_a_line() -> None:
    before = "def test_x(\n    a,\n    b,\n):\n    pass\n"
    assert added_parameter_problems(before, "def test_x(\n    a,\n    b, monkeypatch,\n):\n    pass\n")
    assert added_parameter_problems(before, "def test_x(\n    a,\n    b,\n  monkeypatch,\n):\n    pass\n")
    assert added_parameter_problems("def test_x(a):\n    pass\n", "def test_x(a,\n           monkeypatch):\n    pass\n")
    assert added_parameter_problems(before, "def test_x(\n    a,\n    b,\n    monkeypatch,\n):\n    pass\n") == []


def test_import_checker_rejects_an_import_out_of_order() -> None:
    before = "import os\nimport sys\n\nimport pytest\n"
    assert added_import_problems(before, "import os\nimport sys\n\nimport pytest\nimport copy\n")
    assert added_import_problems(before, "import os\nimport sys\nimport copy\n\nimport pytest\n")
    assert added_import_problems(before, "import os\nimport copy\nimport sys\n\nimport pytest\n")
    assert added_import_problems(before, "import copy\nimport os\nimport sys\n\nimport pytest\n") == []
    assert added_import_problems("import pytest\n", "import pytest\nimport copy\n")
    assert added_import_problems("from __future__ import annotations\n", "import copy\nfrom __future__ import annotations\n")
