"""The machine output formats (json, sarif, junit, gitlab), through the real entry point
(``python -m fixture_lint`` as a subprocess), each validated against its schema
(tests/schemas/README.md names their sources)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from fixture_lint.plugins import registry
from fixture_lint.report.sarif import level, rule_descriptor
from fixture_lint.rule_list import RuleInfo
from helpers import write_tree

SCHEMAS = Path(__file__).parent / "schemas"

# Four codes: a safe fix with a related location (FXL401, the identical copy names the
# definition it hides), an unsafe fix that needs an import (FXL201), an unsafe fix without
# one (FXL301), no fix (FXL302), and a file that cannot be parsed (FXL000).
SUITE = {
    "pytest.ini": "[pytest]\ntestpaths = tests\n",
    "tests/conftest.py": """
        import pytest


        @pytest.fixture
        def client():
            return {"user": "a"}
    """,
    "tests/sub/conftest.py": """
        import pytest


        @pytest.fixture
        def client():
            return {"user": "a"}
    """,
    "tests/sub/test_env.py": """
        import os


        def test_one():
            os.environ["MODE"] = "1"


        def test_two():
            os.environ["MODE"] = "1"
    """,
    "tests/test_params.py": """
        import socket

        import pytest


        @pytest.mark.parametrize("items", [[1, 2]])
        def test_items(items):
            items.append(3)


        @pytest.fixture
        def server():
            sock = socket.socket()
            sock.bind(("127.0.0.1", 8080))
            yield sock
            sock.close()


        def test_server(server):
            assert server
    """,
    "tests/test_broken.py": "def test_broken(\n",
}
EXPECTED = [
    ("tests/sub/conftest.py", 5, 1, "FXL401"),
    ("tests/sub/test_env.py", 5, 5, "FXL301"),
    ("tests/sub/test_env.py", 9, 5, "FXL301"),
    ("tests/test_broken.py", 1, 16, "FXL000"),
    ("tests/test_params.py", 8, 5, "FXL201"),
    ("tests/test_params.py", 14, 29, "FXL302"),
]


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    return write_tree(tmp_path, SUITE)


def fixture_lint(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def output(cwd: Path, output_format: str, *args: str, code: int = 1, env: dict[str, str] | None = None) -> str:
    proc = fixture_lint(cwd, "--output-format", output_format, *args, env=env)
    assert proc.returncode == code, proc.stderr
    return proc.stdout


def json_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def validate(document: Any, name: str) -> None:
    schema = json_schema(name)
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(document)


def test_the_sarif_schema_is_the_oasis_one() -> None:
    schema = json_schema("sarif-schema-2.1.0.json")
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    # The validator is not a rubber stamp: a wrong level and a missing message are caught.
    with pytest.raises(jsonschema.ValidationError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]}, "sarif-schema-2.1.0.json")


def test_json_carries_related_locations(suite: Path) -> None:
    items = json.loads(output(suite, "json"))
    found = [(str(Path(i["filename"]).relative_to(suite).as_posix()), i["location"]["row"], i["location"]["column"], i["code"]) for i in items]
    assert sorted(found) == EXPECTED
    copy = next(i for i in items if i["code"] == "FXL401")
    assert copy["related"] == [
        {"message": "`client` is defined here", "filename": str(suite / "tests/conftest.py"), "location": {"row": 5, "column": 1}}
    ]
    assert all(i["related"] == [] for i in items if i["code"] != "FXL401")


def _apply_replacements(text: str, replacements: list[dict[str, Any]]) -> str:
    """Apply SARIF replacements (1-based lines and code-point columns) as a consumer would."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1 if line <= len(lines) else len(text)

    spans = []
    for replacement in replacements:
        region = replacement["deletedRegion"]
        spans.append((offset(region["startLine"], region["startColumn"]), offset(region["endLine"], region["endColumn"]), replacement["insertedContent"]["text"]))
    for start, end, content in sorted(spans, reverse=True):
        text = text[:start] + content + text[end:]
    return text


def test_sarif_validates_and_carries_rules_levels_fixes_and_related_locations(suite: Path) -> None:
    document = json.loads(output(suite, "sarif"))
    validate(document, "sarif-schema-2.1.0.json")
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["FXL000"] + [rule.code for rule in registry().rules]
    for descriptor in rules:
        assert descriptor["name"] and descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"].startswith(f"# {descriptor['id']} {descriptor['name']}\n")
        assert descriptor["help"]["text"] == descriptor["help"]["markdown"]
        assert "helpUri" not in descriptor  # there is no published page to point to
        assert descriptor["defaultConfiguration"]["level"] == ("warning" if descriptor["properties"]["preview"] else "error")
        assert "flaky-tests" in descriptor["properties"]["tags"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["FXL401"]["fullDescription"]["text"].startswith("Overriding a fixture in a deeper `conftest.py`")
    assert by_id["FXL401"]["properties"]["fix"] == "safe"
    assert by_id["FXL000"]["name"] == "unreadable-file"

    results = run["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("FXL401", 5), ("FXL301", 5), ("FXL301", 9), ("FXL000", 1), ("FXL201", 8), ("FXL302", 14)
    ]
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["level"] == by_id[item["ruleId"]]["defaultConfiguration"]["level"]

    copy = results[0]
    related = copy["relatedLocations"]
    assert related == [
        {
            "id": 1,
            "message": {"text": "`client` is defined here"},
            "physicalLocation": {
                "artifactLocation": {"uri": (suite / "tests/conftest.py").as_uri()},
                "region": {"startLine": 5, "startColumn": 1},
            },
        }
    ]
    assert "relatedLocations" not in results[1]

    # The SARIF fixes, applied as a SARIF consumer would, give what --fix writes.
    [fix] = copy["fixes"]
    [change] = fix["artifactChanges"]
    target = suite / "tests/sub/conftest.py"
    assert change["artifactLocation"]["uri"] == target.as_uri()
    copy_from_sarif = _apply_replacements(target.read_text(encoding="utf-8"), change["replacements"])
    env_file = suite / "tests/sub/test_env.py"
    env_replacements = [r for item in results[1:3] for r in item["fixes"][0]["artifactChanges"][0]["replacements"]]
    env_from_sarif = _apply_replacements(env_file.read_text(encoding="utf-8"), env_replacements)
    proc = fixture_lint(suite, "--fix", "--unsafe-fixes", "--select", "FXL401,FXL301", "tests/sub")
    assert proc.returncode == 0, proc.stderr
    assert copy_from_sarif == target.read_text(encoding="utf-8") == "import pytest\n"
    assert env_from_sarif == env_file.read_text(encoding="utf-8")
    assert env_from_sarif.startswith('import os\n\n\ndef test_one(monkeypatch):\n    monkeypatch.setenv("MODE", "1")\n')

    # A fix that also adds an import is not half-carried: applicability only.
    params = results[4]
    assert params["ruleId"] == "FXL201" and "fixes" not in params and params["properties"] == {"fix": "unsafe"}
    assert "fixes" not in results[5] and "properties" not in results[5]


def test_sarif_levels_follow_the_rule_status() -> None:
    preview = RuleInfo("FXL999", "some-preview-rule", "a summary", True, None, "# FXL999 some-preview-rule\n")
    default = RuleInfo("FXL998", "some-default-rule", "a summary", False, "safe", "# FXL998 some-default-rule\n")
    assert (level(preview), level(default)) == ("warning", "error")
    descriptor = rule_descriptor(preview)
    assert descriptor["defaultConfiguration"] == {"level": "warning", "enabled": False}
    assert descriptor["properties"] == {"tags": ["flaky-tests", "plugin", "preview"], "preview": True, "fix": "none"}
    # Without a "What it does" section, the full description is the summary.
    assert descriptor["fullDescription"] == {"text": "a summary"}


def test_sarif_of_a_clean_run_validates(suite: Path) -> None:
    clean = json.loads(output(suite, "sarif", "tests/conftest.py", code=0))
    validate(clean, "sarif-schema-2.1.0.json")
    assert clean["runs"][0]["results"] == [] and clean["runs"][0]["tool"]["driver"]["rules"]


def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def test_junit_validates_one_suite_per_file_one_failing_case_per_finding(suite: Path) -> None:
    text = output(suite, "junit")
    document = etree.fromstring(text.encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(document), schema.error_log
    assert document.tag == "testsuites"
    assert (document.get("tests"), document.get("failures"), document.get("errors")) == ("6", "6", "0")
    suites = document.findall("testsuite")
    assert [s.get("name") for s in suites] == ["tests/sub/conftest.py", "tests/sub/test_env.py", "tests/test_broken.py", "tests/test_params.py"]
    assert [s.get("tests") for s in suites] == ["1", "2", "1", "2"]
    cases = [case for s in suites for case in s.findall("testcase")]
    assert [(c.get("name"), c.get("classname")) for c in cases][:3] == [
        ("fixture-lint.FXL401", "tests/sub/conftest"),
        ("fixture-lint.FXL301", "tests/sub/test_env"),
        ("fixture-lint.FXL301", "tests/sub/test_env"),
    ]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "FXL401"
    assert failure.get("message") == "fixture `client` is an identical copy of `client` (tests/conftest.py:5)"
    assert failure.text == "line 5, col 1, fixture `client` is an identical copy of `client` (tests/conftest.py:5)"


def test_junit_of_a_clean_run_is_one_passing_case(suite: Path) -> None:
    document = etree.fromstring(output(suite, "junit", "tests/conftest.py", code=0).encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(document), schema.error_log
    [only] = document.findall("testsuite")
    [case] = only.findall("testcase")
    assert (case.get("name"), list(case)) == ("No errors found", [])
    assert (only.get("tests"), only.get("failures")) == ("1", "0")
    # The schema is not a rubber stamp: a suite without its counts is refused.
    assert not schema.validate(etree.fromstring(b"<testsuites><testsuite name='x'/></testsuites>"))


def test_gitlab_validates_with_stable_distinct_fingerprints(suite: Path) -> None:
    issues = json.loads(output(suite, "gitlab"))
    validate(issues, "gitlab-code-quality.schema.json")
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in issues] == [
        (path, line, code) for path, line, _, code in EXPECTED
    ]
    assert {i["check_name"]: i["severity"] for i in issues}["FXL000"] == "critical"
    assert {i["severity"] for i in issues if i["check_name"] != "FXL000"} == {"major"}
    assert issues[0]["description"].startswith("FXL401 fixture `client` is an identical copy")
    fingerprints = [i["fingerprint"] for i in issues]
    # Two FXL301 findings on identical lines of one file still get two fingerprints.
    assert len(set(fingerprints)) == len(fingerprints)
    assert fingerprints[0] == hashlib.sha256("\0".join(("tests/sub/conftest.py", "FXL401", "def client():", "0")).encode()).hexdigest()

    # Lines added above the findings move them, but their fingerprints stay.
    for relative in ("tests/sub/test_env.py", "tests/test_params.py"):
        path = suite / relative
        path.write_text('"""Docstring added later."""\n\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(output(suite, "gitlab"))
    assert [i["location"]["lines"]["begin"] for i in moved] == [5, 7, 11, 1, 10, 16]
    assert [i["fingerprint"] for i in moved] == fingerprints


def test_gitlab_paths_are_relative_to_the_project_dir(suite: Path) -> None:
    issues = json.loads(output(suite / "tests", "gitlab", "sub/conftest.py", env={"CI_PROJECT_DIR": str(suite)}))
    validate(issues, "gitlab-code-quality.schema.json")
    assert [i["location"]["path"] for i in issues] == ["tests/sub/conftest.py"]
    assert json.loads(output(suite, "gitlab", "tests/conftest.py", code=0)) == []


def test_related_locations_survive_the_result_cache(suite: Path) -> None:
    def related() -> list[Any]:
        proc = subprocess.run(
            [sys.executable, "-m", "fixture_lint", "--output-format", "json", "--cache-dir", str(suite / ".cache"), "tests/sub"],
            cwd=suite, capture_output=True, text=True,
        )
        assert proc.returncode == 1, proc.stderr
        return [item["related"] for item in json.loads(proc.stdout)]

    first = related()
    assert (suite / ".cache").is_dir()
    assert related() == first and first[0] == [
        {"message": "`client` is defined here", "filename": str(suite / "tests/conftest.py"), "location": {"row": 5, "column": 1}}
    ]
