"""FXL403's inherited-test and override facts, checked against real pytest.

Each case of ``tests/cases/fxl403_*`` about inheritance and self-requesting overrides is
run through ``pytest --setup-plan`` in a subprocess (the only place the code is run, by
pytest, never by fixture-lint): every fixture FXL403 reports is one pytest never sets
up, and the fixtures it stays quiet about because a test a class inherits requests them
(from a base in another module, from a base not named ``Test*``, a class-level override
requested by the parent's test) are set up by pytest.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import CASES, run_cli, run_pytest

_SETUP = re.compile(r"^\s*SETUP\s+[A-Z]\s+(\w+)", re.MULTILINE)
_REPORTED = re.compile(r"FXL403 fixture `(\w+)`")

CASES_USED_UNUSED = {
    "fxl403_inherited_from_other_module_negative": ({"data", "data_for_sorting", "use_numpy"}, set()),
    "fxl403_inherited_from_other_module": ({"data", "data_for_sorting"}, {"as_frame", "data_for_twos", "data_repeated"}),
    "fxl403_inherited_same_module_negative": ({"name", "obj"}, set()),
    "fxl403_inherited_same_module": ({"obj"}, {"name", "size"}),
    "fxl403_self_request": (set(), {"app_config"}),
    "fxl403_unknown_base_negative": ({"engine"}, set()),  # quiet: the base is unknown to a static reader
}


def _set_up(root: Path, *args: str, pythonpath: Path | None = None) -> set[str]:
    run = run_pytest(root, "--setup-plan", *args, pythonpath=pythonpath)
    assert run.returncode == 0, run.stdout + run.stderr
    return set(_SETUP.findall(run.stdout))


def _reported(root: Path) -> set[str]:
    run = run_cli(["--output-format", "concise", "--no-cache", "--select", "FXL403", "."], cwd=root)
    assert run.code in (0, 1), run.err
    return set(_REPORTED.findall(run.out))


@pytest.mark.parametrize("name", sorted(CASES_USED_UNUSED))
def test_reported_fixtures_are_the_ones_pytest_never_sets_up(name: str, tmp_path: Path) -> None:
    root = tmp_path / name
    shutil.copytree(CASES / name, root)
    used, unused = CASES_USED_UNUSED[name]
    set_up = _set_up(root)
    assert used <= set_up, set_up
    assert not unused & set_up, set_up
    assert _reported(root) == unused


def test_override_requesting_its_name_is_reached_by_a_plugin_we_cannot_see(tmp_path: Path) -> None:
    root = tmp_path / "suite"
    shutil.copytree(CASES / "fxl403_self_request_negative", root)
    plugins = tmp_path / "site"  # outside the analysed tree, as an installed plugin is
    plugins.mkdir()
    (plugins / "worker_plugin.py").write_text(
        "import pytest\n\n\n"
        "class App:\n    prefetch = 4\n\n\n"
        "@pytest.fixture\ndef default_worker_app():\n    return App()\n\n\n"
        "@pytest.fixture\ndef celery_setup(default_worker_app):\n"
        "    assert default_worker_app.prefetch == 1  # the test module's override ran\n"
        "    return default_worker_app\n",
        encoding="utf-8",
    )
    run = run_pytest(root, "-p", "worker_plugin", pythonpath=plugins)
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr
    assert "default_worker_app" in _set_up(root, "-p", "worker_plugin", pythonpath=plugins)
    assert _reported(root) == set()
