"""FXL101 and FXL202 precision: a finding needs a visible consumer that changes the value;
the shape alone (and FXL101's freezing fix) is preview. The fix never changes a type a
consumer needs."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Optional

import pytest

from helpers import run_cli, write_tree

PREVIEW = "[tool.fixture-lint]\npreview = true\n"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def findings(tmp_path: Path, source: str, code: str, preview: bool = False, conftest: Optional[str] = None) -> list[dict]:
    files = {"pytest.ini": "[pytest]\n", "test_example.py": dedent(source)}
    if preview:
        files["pyproject.toml"] = PREVIEW
    if conftest is not None:
        files["conftest.py"] = dedent(conftest)
    root = write_tree(tmp_path, files)
    run = run_cli(["--output-format", "json", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    assert run.code in (0, 1), run.err
    return [item for item in run.json() if item["code"] == code]


def fixed(tmp_path: Path, source: str) -> str:
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "pyproject.toml": PREVIEW, "test_example.py": dedent(source)})
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    assert run.code in (0, 1), run.err
    after = (root / "test_example.py").read_text(encoding="utf-8")
    run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    assert (root / "test_example.py").read_text(encoding="utf-8") == after, "a second --fix changed the file"
    return after


# -- FXL101: default findings ------------------------------------------------------------------
def test_fxl101_names_the_mutating_consumer_and_line(tmp_path: Path) -> None:
    source = """
    import pytest


    @pytest.fixture(scope="module")
    def codes():
        return [502, 503]


    def test_add(codes):
        codes.append(504)


    def test_len(codes):
        assert len(codes) == 2
    """
    found = findings(tmp_path, source, "FXL101")
    assert [(f["location"]["row"], f["location"]["column"]) for f in found] == [(6, 5)]
    assert "test `test_add` mutates (`.append()` on `codes`, line 10)" in found[0]["message"]
    assert found[0]["fix"] is None  # freezing would break test_add


def test_fxl101_read_only_is_clean_by_default_and_shape_in_preview(tmp_path: Path) -> None:
    source = """
    import pytest


    @pytest.fixture(scope="session")
    def settings():
        return {"debug": False}


    def test_a(settings):
        assert settings["debug"] is False


    def test_b(settings):
        assert not settings.get("debug")
    """
    assert findings(tmp_path / "default", source, "FXL101") == []
    found = findings(tmp_path / "preview", source, "FXL101", preview=True)
    assert [(f["location"]["row"], f["location"]["column"]) for f in found] == [(6, 5)]
    assert found[0]["fix"] is not None


def test_fxl101_restored_by_teardown_is_clean(tmp_path: Path) -> None:
    source = """
    import pytest


    @pytest.fixture(scope="module")
    def registry():
        return {}


    @pytest.fixture
    def entry(registry):
        registry["a"] = 1
        yield
        del registry["a"]


    def test_a(entry, registry):
        assert registry["a"] == 1


    def test_b(registry):
        assert "a" not in registry
    """
    assert findings(tmp_path, source, "FXL101") == []


# -- FXL101: the preview fix keeps every consumer's type ----------------------------------------
def test_fxl101_freezes_a_list_of_one_set_and_dict(tmp_path: Path) -> None:
    source = """
    import pytest


    @pytest.fixture(scope="module")
    def codes():
        return [502]


    @pytest.fixture(scope="module")
    def tags():
        return {"a", "b"}


    @pytest.fixture(scope="module")
    def limits():
        return {
            "daily": 10,  # per day
        }


    def test_read(codes, tags, limits):
        assert codes[0] == 502 and "a" in tags and limits["daily"] == 10
        first, = codes
        assert dict(limits) and len(tags) == 2 and first
    """
    assert fixed(tmp_path, source) == dedent(
        """
        import types

        import pytest


        @pytest.fixture(scope="module")
        def codes():
            return (502,)


        @pytest.fixture(scope="module")
        def tags():
            return frozenset({"a", "b"})


        @pytest.fixture(scope="module")
        def limits():
            return types.MappingProxyType({
                "daily": 10,  # per day
            })


        def test_read(codes, tags, limits):
            assert codes[0] == 502 and "a" in tags and limits["daily"] == 10
            first, = codes
            assert dict(limits) and len(tags) == 2 and first
        """
    )


def test_fxl101_single_item_with_trailing_comma_and_comment(tmp_path: Path) -> None:
    source = """
    import pytest


    @pytest.fixture(scope="module")
    def codes():
        return [
            502,  # bad gateway
        ]


    def test_read(codes):
        assert 502 in codes
    """
    assert "return (\n        502,  # bad gateway\n    )" in fixed(tmp_path, source)


@pytest.mark.parametrize(
    "value, use",
    [
        ("[1, 2]", "assert codes + [3] == [1, 2, 3]"),  # tuple + list raises
        ("[1, 2]", "assert codes == [1, 2]"),  # a tuple never equals a list
        ("[1, 2]", "assert json.dumps(codes)"),  # another function: type unknown
        ("[1, 2]", "copied = codes.copy()\n    copied.append(3)"),  # tuples have no .copy()
        ("{'a': 1}", "assert json.dumps(codes)"),  # a mapping proxy is not JSON serializable
        ("{'a': 1}", "merged = codes.copy()\n    merged['b'] = 2"),
        ("{'a': 1}", "assert isinstance(codes, dict)"),
        ("{1, 2}", "assert codes | {3}"),
        ("[1, 2]", "other = codes\n    assert other"),  # an alias: its uses are not followed
        ("[1, 2]", "return codes"),
    ],
    ids=["concat", "eq-list", "json-list", "copy-list", "json-dict", "copy-dict", "isinstance", "set-or", "alias", "returned"],
)
def test_fxl101_no_fix_when_a_consumer_may_need_the_type(tmp_path: Path, value: str, use: str) -> None:
    source = (
        "import json\n\nimport pytest\n\n\n@pytest.fixture(scope='module')\ndef codes():\n"
        f"    return {value}\n\n\ndef test_use(codes):\n    {use}\n\n\ndef test_other(codes):\n    assert codes\n"
    )
    found = findings(tmp_path, source, "FXL101", preview=True)
    assert [(f["location"]["row"], f["fix"]) for f in found] == [(8, None)]


@pytest.mark.parametrize(
    "files",
    [
        # a conftest fixture: its tests are in files this run may not see
        {
            "conftest.py": "import pytest\n\n\n@pytest.fixture(scope='session')\ndef codes():\n    return [1, 2]\n",
            "test_example.py": "def test_read(codes):\n    assert codes\n",
        },
        # the only test mutates it: a finding of the shape, no fix (FXL102 reports the change)
        {
            "test_example.py": (
                "import pytest\n\n\n@pytest.fixture(scope='module')\ndef codes():\n    return [1, 2]\n\n\n"
                "def test_change(codes):\n    codes.append(3)\n"
            ),
        },
        # items that are not constants: freezing the outer list would not be enough
        {
            "test_example.py": (
                "import pytest\n\n\n@pytest.fixture(scope='module')\ndef rows():\n    return [[1], [2]]\n\n\n"
                "def test_read(rows):\n    assert rows\n"
            ),
        },
        # `types` names something else in this module
        {
            "test_example.py": (
                "import pytest\n\ntypes = ('a', 'b')\n\n\n@pytest.fixture(scope='module')\ndef limits():\n"
                "    return {'daily': 10}\n\n\ndef test_read(limits):\n    assert limits and types\n"
            ),
        },
    ],
    ids=["conftest", "mutated", "nested", "types-shadowed"],
)
def test_fxl101_preview_no_fix(tmp_path: Path, files: dict[str, str]) -> None:
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "pyproject.toml": PREVIEW, **files})
    run = run_cli(["--output-format", "json", "--unsafe-fixes", "--no-cache", "."], cwd=root)
    fxl101 = [item for item in run.json() if item["code"] == "FXL101"]
    assert len(fxl101) == 1 and fxl101[0]["fix"] is None


# -- FXL202 ------------------------------------------------------------------------------------
def test_fxl202_read_only_is_clean_by_default_and_shape_in_preview(tmp_path: Path) -> None:
    source = """
    import pytest

    VALUES = [0, None]


    @pytest.mark.parametrize("unit, data", [("s", VALUES), ("ms", VALUES)])
    def test_units(unit, data):
        assert len(data) == 2 and unit
    """
    assert findings(tmp_path / "default", source, "FXL202") == []
    found = findings(tmp_path / "preview", source, "FXL202", preview=True)
    assert [(f["location"]["row"], f["location"]["column"]) for f in found] == [(6, 2)]


def test_fxl202_names_the_mutating_test_and_wraps_every_appearance(tmp_path: Path) -> None:
    source = """
    import pytest

    SEEN = []


    @pytest.mark.parametrize("first", [SEEN])
    @pytest.mark.parametrize("second", [SEEN])
    def test_both(first, second):
        second.append(1)
        assert first == second
    """
    found = findings(tmp_path, source, "FXL202")
    assert [(f["location"]["row"], f["location"]["column"]) for f in found] == [(7, 2)]
    assert "test `test_both` mutates it (`.append()` on `second`, line 9)" in found[0]["message"]
    after = fixed(tmp_path / "fix", source)
    assert after.count("[copy.deepcopy(SEEN)]") == 2 and "import copy\n" in after


def test_fxl202_no_fix_through_a_shared_list_of_cases(tmp_path: Path) -> None:
    source = (
        "import pytest\n\nD = {'a': 1}\nCASES = [D, D]\n\n\n"
        "@pytest.mark.parametrize('d', CASES)\ndef test_d(d):\n    d['a'] += 1\n"
    )
    found = findings(tmp_path, source, "FXL202")
    assert [(f["location"]["row"], f["fix"]) for f in found] == [(7, None)]


def test_fxl202_indirect_fixture_in_conftest_mutates(tmp_path: Path) -> None:
    conftest = """
    import pytest


    @pytest.fixture
    def options(request):
        request.param["seen"] = True
        return request.param
    """
    source = """
    import pytest

    DEFAULTS = {"seen": False}


    @pytest.mark.parametrize("options", [DEFAULTS, DEFAULTS], indirect=True)
    def test_options(options):
        assert options["seen"]
    """
    found = findings(tmp_path, source, "FXL202", conftest=conftest)
    assert [(f["location"]["row"], f["location"]["column"]) for f in found] == [(6, 2)]
    assert "fixture `options` mutates it" in found[0]["message"]
