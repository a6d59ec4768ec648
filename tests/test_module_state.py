"""FXL304 names the module's tests that read what a test leaves behind (message and
related locations), and tells a local of the same name from the global."""
from __future__ import annotations

from pathlib import Path

from helpers import CASES, copy_case, run_cli


def test_readers_are_named_in_the_message_and_as_related_locations(tmp_path: Path) -> None:
    root = copy_case("fxl304_readers_and_locals", tmp_path)
    run = run_cli(["--output-format", "json", "--no-cache", "."], cwd=root)
    found = {(item["code"], item["location"]["row"]): item for item in run.json()}
    rebinding = found[("FXL304", 15)]
    assert rebinding["message"] == (
        "test `test_writes_global` changes module global `COUNT`, state of this test module, "
        "and never restores it; read by `test_reads_global` (line 19)"
    )
    assert [(r["location"]["row"], r["location"]["column"]) for r in rebinding["related"]] == [(19, 12)]
    # `test_local_named_like_the_global` assigns its own COUNT: not a reader
    assert "test_local_named_like_the_global" not in rebinding["message"]
    attribute = found[("FXL304", 28)]
    assert attribute["message"].endswith("read by `test_restores_class_attribute` (line 32)")
    assert attribute["fix"] is None  # FXL304 offers none
    assert found[("FXL305", 41)]["message"].startswith("test `test_imported_module_is_not_module_state` sets `json.decoder.scanstring`")
    assert ("FXL304", 33) not in found and ("FXL304", 36) not in found  # written back in finally


def test_module_state_is_preview_only(tmp_path: Path) -> None:
    root = copy_case("fxl304_readers_and_locals", tmp_path)
    (root / "pyproject.toml").unlink()
    run = run_cli(["--output-format", "json", "--no-cache", "."], cwd=root)
    # FXL305 (an imported module's attribute, a default rule) stays; FXL304 does not run.
    assert [(f["code"], f["location"]["row"]) for f in run.json()] == [("FXL305", 41)]
    assert CASES.is_dir()
