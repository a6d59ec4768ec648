"""FXL102/FXL201 precision: what the on-disk cases cannot show (messages, counts)."""
from __future__ import annotations

from pathlib import Path

from helpers import run_cli, write_tree


def _json(root: Path, *codes: str) -> list[dict]:
    run = run_cli(["--output-format", "json", "--no-cache", "--select", ",".join(codes), "."], cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


def test_indirect_fixture_is_one_finding_naming_its_tests(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "test_users.py": """
            import pytest


            @pytest.fixture
            def user(request):
                request.param["logins"] += 1
                return request.param


            @pytest.mark.parametrize("user", [{"logins": 0}], indirect=True)
            def test_alice(user):
                assert user


            @pytest.mark.parametrize("user", [{"logins": 0}, {"logins": 1}], indirect=True)
            def test_bob(user):
                assert user
        """,
    })
    found = _json(tmp_path, "FXL201")
    assert [(f["location"]["row"], f["location"]["column"]) for f in found] == [(6, 5)]
    assert "2 tests (first `test_alice`)" in found[0]["message"]


def test_conftest_indirect_fixture_is_reported_once_in_the_conftest(tmp_path: Path) -> None:
    test = """
        import pytest


        @pytest.mark.parametrize("user", [{"tags": []}], indirect=True)
        def test_user(user):
            assert user
    """
    write_tree(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "conftest.py": """
            import pytest


            @pytest.fixture
            def user(request):
                request.param["tags"].append("x")
                return request.param
        """,
        "test_a.py": test,
        "test_b.py": test,
    })
    found = _json(tmp_path, "FXL201")
    assert [(f["filename"].endswith("conftest.py"), f["location"]["row"]) for f in found] == [(True, 6)]


def test_fix_through_an_alias_settles(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "test_alias.py": """
            import pytest


            @pytest.mark.parametrize("items", [[1]])
            def test_alias(items):
                view = items
                view.append(2)
        """,
    })
    first = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert first.code == 0, first.out
    text = (tmp_path / "test_alias.py").read_text()
    assert text.count("items = copy.deepcopy(items)") == 1
    second = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert second.code == 0 and (tmp_path / "test_alias.py").read_text() == text
