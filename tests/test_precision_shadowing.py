"""FXL401 reports the overrides that are likely accidents, and every override in preview.

The on-disk cases (tests/cases/fxl401_*) assert positions; here: the messages, the fix
(before/after), preview's wording, and the model facts the rule reads (branches, body
fingerprints, imported fixtures).
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from fixture_lint.model.facts import body_fingerprint, definition_placements, exclusive_branches, name_is_referenced
from fixture_lint.model.names import NameResolver
from helpers import run_cli, write_tree

CONFTEST = """
    import pytest


    @pytest.fixture
    def client():
        return "client"


    @pytest.fixture(scope="session")
    def db():
        return "db"
"""


def concise(root: Path, *extra: str) -> list[str]:
    run = run_cli(["--output-format", "concise", "--no-cache", "--select", "FXL401", *extra, "."], cwd=root)
    assert run.code in (0, 1), run.err
    return [line for line in run.out.splitlines() if ": FXL401 " in line]


def suite(tmp_path: Path, module: str, preview: bool = False) -> Path:
    files = {"pytest.ini": "[pytest]\n", "conftest.py": CONFTEST, "test_mod.py": module}
    if preview:
        files["pyproject.toml"] = "[tool.fixture-lint]\npreview = true\n"
    return write_tree(tmp_path, files)


def test_plain_override_is_a_preview_finding_worded_as_an_override(tmp_path: Path) -> None:
    module = """
        import pytest


        @pytest.fixture
        def client():
            return "other"


        def test_client(client):
            assert client
    """
    assert concise(suite(tmp_path / "default", module)) == []
    assert concise(suite(tmp_path / "preview", module, preview=True)) == [
        "test_mod.py:5:1: FXL401 fixture `client` overrides `client` (conftest.py:5)"
    ]


def test_wider_scope_is_reported_and_a_narrower_one_is_not(tmp_path: Path) -> None:
    module = """
        import pytest


        @pytest.fixture(scope="module")
        def client():
            return "shared"


        @pytest.fixture
        def db():
            return "fresh"


        def test_db(client, db):
            assert db
    """
    assert concise(suite(tmp_path, module)) == [
        "test_mod.py:5:1: FXL401 override of `client` (conftest.py:5) widens scope function → module"
    ]


def test_same_body_other_scope_is_a_copy_but_for_its_scope(tmp_path: Path) -> None:
    module = """
        import pytest


        @pytest.fixture
        def db():
            return "db"
    """
    assert concise(suite(tmp_path, module)) == [
        "test_mod.py:5:1: FXL401 fixture `db` copies `db` (conftest.py:10) but for its scope (function instead of session)"
    ]


def test_code_that_asks_where_it_is_is_a_copy_only_in_the_same_directory(tmp_path: Path) -> None:
    located = "import os\nimport pytest\n\n\n@pytest.fixture\ndef here():\n    return os.path.dirname(__file__)\n"
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "conftest.py": located,
            "test_same.py": located,
            "sub/test_other.py": located,
        },
    )
    # Same directory: the same text, reported, but no fix (the fix is only for provable copies).
    assert concise(root) == ["test_same.py:6:1: FXL401 fixture `here` is an identical copy of `here` (conftest.py:6)"]


def test_defined_twice_names_the_winner_and_fixes_an_identical_copy(tmp_path: Path) -> None:
    module = '''
        import pytest


        @pytest.fixture
        def token():
            """first"""
            return "secret"  # a comment


        @pytest.fixture
        def token():
            return "secret"


        def test_token(token):
            assert token
    '''
    root = suite(tmp_path, module)
    assert concise(root) == [
        "test_mod.py:5:1: FXL401 [*] fixture `token` is defined twice in this module; "
        "the later definition at line 11 wins (an identical copy)"
    ]
    run = run_cli(["--fix", "--no-cache", "--select", "FXL401", "."], cwd=root)
    assert run.code == 0, run.out + run.err
    assert (root / "test_mod.py").read_text() == textwrap.dedent(
        """\
        import pytest


        @pytest.fixture
        def token():
            return "secret"


        def test_token(token):
            assert token
        """
    )


def test_dir_order_decides_between_two_function_names(tmp_path: Path) -> None:
    # pytest registers a module's fixtures in dir() order: `zz_user` after `user`.
    module = """
        import pytest


        @pytest.fixture(name="user")
        def zz_user():
            return "zz"


        @pytest.fixture
        def user():
            return "plain"
    """
    assert concise(suite(tmp_path, module)) == [
        "test_mod.py:10:1: FXL401 fixture `user` is defined twice in this module; the definition at line 5 wins"
    ]


def test_no_fix_when_the_python_name_is_read_elsewhere(tmp_path: Path) -> None:
    module = """
        import pytest


        @pytest.fixture
        def client():
            return "client"


        CLIENT_FACTORY = client


        def test_client(client):
            assert client
    """
    root = suite(tmp_path, module)
    assert concise(root) == ["test_mod.py:5:1: FXL401 fixture `client` is an identical copy of `client` (conftest.py:5)"]


def test_parameter_of_the_same_name_is_not_a_reference(tmp_path: Path) -> None:
    module = """
        import pytest


        @pytest.fixture
        def client():
            return "client"


        def test_client(client):
            assert client == "client"
    """
    root = suite(tmp_path, module)
    assert concise(root) == [
        "test_mod.py:5:1: FXL401 [*] fixture `client` is an identical copy of `client` (conftest.py:5)"
    ]


def test_imports_from_installed_packages_are_not_followed(tmp_path: Path) -> None:
    module = """
        from somewhere_installed import client
        from elsewhere_installed import client


        def test_client(client):
            assert client
    """
    assert concise(suite(tmp_path, module)) == []


def test_imported_twice_message(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "helpers_a.py": "import pytest\n\n\n@pytest.fixture\ndef client():\n    return 'a'\n",
            "helpers_b.py": "import pytest\n\n\n@pytest.fixture\ndef client():\n    return 'b'\n",
            "conftest.py": "from helpers_a import client\nfrom helpers_b import client\n",
        },
    )
    assert concise(root) == [
        "conftest.py:1:23: FXL401 fixture `client` is imported twice into this module "
        "(from `helpers_a` and `helpers_b`); the import at line 2 wins"
    ]


def test_builtin_hidden_from_a_conftest_fixture_message(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "conftest.py": "import pytest\n\n\n@pytest.fixture\ndef workdir(tmp_path):\n    return tmp_path\n",
            "test_mod.py": (
                "import pytest\n\n\n@pytest.fixture\ndef tmp_path():\n    return '/tmp/x'\n\n\n"
                "def test_a(workdir):\n    assert workdir\n"
            ),
            "test_other.py": (
                "import pytest\n\n\n@pytest.fixture\ndef tmp_path():\n    return '/tmp/x'\n\n\n"
                "def test_a(tmp_path):\n    assert tmp_path\n"
            ),
        },
    )
    assert concise(root) == [
        "test_mod.py:5:1: FXL401 fixture `tmp_path` hides pytest's built-in fixture `tmp_path` "
        "from `workdir` (conftest.py:5), which requests it"
    ]


# -- the model facts ---------------------------------------------------------------------
def _placements(source: str) -> dict[str, list[tuple[tuple[int, int], ...]]]:
    tree = ast.parse(textwrap.dedent(source))
    placements = definition_placements(tree)
    found: dict[str, list[tuple[tuple[int, int], ...]]] = {}
    functions = sorted((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)), key=lambda n: n.lineno)
    for node in functions:
        found.setdefault(node.name, []).append(placements[id(node)].branch)
    return found


def test_exclusive_branches() -> None:
    found = _placements(
        """
        if a:
            def f(): pass
        else:
            def f(): pass
        try:
            def g(): pass
        except ImportError:
            def g(): pass
        else:
            def h(): pass
        finally:
            def h(): pass
        def g(): pass
        """
    )
    assert exclusive_branches(found["f"][0], found["f"][1])
    assert exclusive_branches(found["g"][0], found["g"][1])
    assert not exclusive_branches(found["g"][0], found["g"][2])
    assert not exclusive_branches(found["h"][0], found["h"][1])


def test_body_fingerprint_ignores_docstring_comments_and_self() -> None:
    tree = ast.parse(
        textwrap.dedent(
            '''
            import os
            def a(request):
                """doc"""
                return os.sep, request.param  # note
            class T:
                def a(self, request):
                    return os.sep, request.param
            def b(request):
                return LOCAL, request.param
            '''
        )
    )
    resolver = NameResolver()
    resolver.add_import(tree.body[0])  # type: ignore[arg-type]
    plain = tree.body[1]
    method = tree.body[2].body[0]  # type: ignore[attr-defined]
    local = tree.body[3]
    assert body_fingerprint(plain, resolver) == body_fingerprint(method, resolver, is_method=True)  # type: ignore[arg-type]
    assert body_fingerprint(plain, resolver).portable is True  # type: ignore[arg-type]
    assert body_fingerprint(local, resolver).portable is False  # type: ignore[arg-type]


def test_name_is_referenced_skips_locals_and_the_given_nodes() -> None:
    tree = ast.parse("def client():\n    pass\n\ndef test(client):\n    return client\n")
    assert not name_is_referenced(tree, "client", [tree.body[0]])
    tree = ast.parse("def client():\n    pass\n\nX = [client]\n")
    assert name_is_referenced(tree, "client", [tree.body[0]])


def test_fix_of_the_last_definition_of_a_file_keeps_one_final_newline(tmp_path: Path) -> None:
    module = """
        import pytest


        def test_client(client):
            assert client


        @pytest.fixture
        def client():
            return "client"
    """
    root = suite(tmp_path, module)
    run = run_cli(["--fix", "--no-cache", "--select", "FXL401", "."], cwd=root)
    assert run.code == 0, run.out + run.err
    assert (root / "test_mod.py").read_text() == "import pytest\n\n\ndef test_client(client):\n    assert client\n"
