"""FXL103, FXL302, FXL303: their data tables are plugin data, and their fixes are exact.

A third-party plugin adds a resource, a clock function, a time freezer and a port binder
through the ``fixture_lint`` entry-point group, and the CLI and flake8 both use them; a
module context built without a registry falls back to the built-in tables; the fixes
give exactly the expected source (before/after), and the options of each rule are read.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from fixture_lint.config import Settings
from fixture_lint.context import ModuleContext
from fixture_lint.discovery import ProjectFinder
from fixture_lint.model.facts import collect_facts
from fixture_lint.model.hierarchy import FixtureIndex
from fixture_lint.model.loader import ModuleCache
from fixture_lint.plugins import registry
from fixture_lint.source import SourceFile
from helpers import check, run_cli, write_tree

PLUGIN = '''
    from fixture_lint import ClockFunction, PortBinder, Resource, TimeFreezer, hookimpl


    @hookimpl
    def fixture_lint_resources():
        return [Resource("acme.db.connect", "Acme connection", ("{}.shutdown()",))]


    @hookimpl
    def fixture_lint_clock_functions():
        return [ClockFunction("acme.clock.now")]


    @hookimpl
    def fixture_lint_time_freezers():
        return [TimeFreezer("acme.testing.frozen", "call"), TimeFreezer("acme_clock", "fixture")]


    @hookimpl
    def fixture_lint_port_binders():
        return [PortBinder("acme.serve", port_arg=0)]
'''

SUITE = {
    "pytest.ini": "[pytest]\n",
    "test_acme.py": """
        import pytest
        from acme import clock, db, serve, testing


        @pytest.fixture
        def conn():
            connection = db.connect()
            return connection


        def test_reads_clock(event):
            assert event.at == clock.now()


        @testing.frozen("2024-01-31")
        def test_frozen_by_decorator(event):
            assert event.at == clock.now()


        def test_frozen_by_fixture(event, acme_clock):
            assert event.at == clock.now()


        def test_serves():
            serve(8080)
    """,
}


def _install(site: Path) -> None:
    (site / "acme_machine_plugin.py").write_text(textwrap.dedent(PLUGIN))
    dist = site / "acme_machine_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-machine-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[fixture_lint]\nacme = acme_machine_plugin\n")


def test_plugin_tables_take_effect_in_the_cli_and_flake8(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _install(site)
    root = write_tree(tmp_path / "suite", SUITE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    expected = [
        "test_acme.py:7:18: FXL103",
        "test_acme.py:12:24: FXL303",
        "test_acme.py:25:11: FXL302",
    ]
    cli = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "--output-format", "concise", "."],
        cwd=root, env=env, capture_output=True, text=True,
    )
    reported = [" ".join(line.split(" ")[:2]) for line in cli.stdout.splitlines() if line.startswith("test_")]
    assert reported == expected, cli.stderr
    full = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "."], cwd=root, env=env, capture_output=True, text=True
    )
    assert "connection.shutdown()" in full.stdout  # the plugin's release call, in the help line
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", "."],
        cwd=root, env=env, capture_output=True, text=True,
    )
    found = sorted(" ".join(line.removeprefix("./").split(" ")[:2]) for line in flake8.stdout.splitlines())
    assert found == sorted(expected), flake8.stderr
    bare = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "--output-format", "concise", "."],
        cwd=root, capture_output=True, text=True,
    )
    assert bare.returncode == 0, bare.stdout


def test_a_context_without_registry_uses_the_builtin_tables(tmp_path: Path) -> None:
    source = textwrap.dedent(
        """
        import sqlite3
        import socket
        from datetime import date

        import pytest


        @pytest.fixture
        def db():
            conn = sqlite3.connect(":memory:")
            return conn


        def test_today(report):
            assert report.day == date.today()


        def test_bind():
            socket.socket().bind(("", 8080))
        """
    ).lstrip()
    path = tmp_path / "test_builtin.py"
    path.write_text(source)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    tree = ast.parse(source)
    projects = ProjectFinder()
    index = FixtureIndex(projects, ModuleCache(lambda p: projects.for_path(p).options.naming), ())
    ctx = ModuleContext(
        path=path,
        display_path="test_builtin.py",
        source=SourceFile.from_text(source),
        tree=tree,
        facts=collect_facts(tree),
        index=index,
        project=projects.for_path(path),
        settings=Settings(),
    )
    assert ctx.registry is None
    found = sorted(
        (d.code, d.line, d.column)
        for code in ("FXL103", "FXL302", "FXL303")
        for d in registry().rule(code).check(ctx)  # type: ignore[union-attr]
    )
    assert found == [("FXL103", 10, 12), ("FXL302", 19, 31), ("FXL303", 15, 26)]


def _fixed(tmp_path: Path, before: str, *extra: str) -> str:
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_fix.py": before})
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", *extra, "."], cwd=root)
    assert run.code in (0, 1), run.err
    return (root / "test_fix.py").read_text()


def test_fxl103_fix_yields_and_releases_with_the_import_it_needs(tmp_path: Path) -> None:
    before = """
        import tempfile

        import pytest


        @pytest.fixture
        def workdir():
            path = tempfile.mkdtemp()
            return path  # the caller's directory
    """
    after = textwrap.dedent(
        """
        import shutil
        import tempfile

        import pytest


        @pytest.fixture
        def workdir():
            path = tempfile.mkdtemp()
            yield path  # the caller's directory
            shutil.rmtree(path)
        """
    ).lstrip()
    assert _fixed(tmp_path, before) == after


def test_fxl103_fix_awaits_an_async_release(tmp_path: Path) -> None:
    before = """
        import httpx
        import pytest_asyncio


        @pytest_asyncio.fixture
        async def client():
            c = httpx.AsyncClient()
            return c
    """
    assert _fixed(tmp_path, before).endswith("    yield c\n    await c.aclose()\n")


def test_fxl103_no_fix_unless_the_fixture_ends_with_return_name(tmp_path: Path) -> None:
    before = """
        import sqlite3

        import pytest


        @pytest.fixture
        def db(request):
            conn = sqlite3.connect(":memory:")
            if request.param:
                return conn
            return conn
    """
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_fix.py": before})
    run = run_cli(["--output-format", "json", "--no-cache", "."], cwd=root)
    (finding,) = run.json()
    assert finding["code"] == "FXL103" and finding["fix"] is None


def test_fxl302_fix_binds_port_zero_only_where_the_port_is_read_back(tmp_path: Path) -> None:
    before = """
        from http.server import BaseHTTPRequestHandler, HTTPServer


        def test_reads_back():
            server = HTTPServer(("127.0.0.1", 8123), BaseHTTPRequestHandler)
            port = server.server_port
            server.server_close()


        def test_does_not_read_back():
            server = HTTPServer(("127.0.0.1", 8124), BaseHTTPRequestHandler)
            server.server_close()
    """
    fixed = _fixed(tmp_path, before)
    assert '(("127.0.0.1", 0), BaseHTTPRequestHandler)' in fixed
    assert '(("127.0.0.1", 8124), BaseHTTPRequestHandler)' in fixed
    assert [f.line for f in check(tmp_path)] == [11]


def test_fxl303_options_add_a_clock_function_and_freezers(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.pytest.ini_options]

                [tool.fixture-lint.wall-clock-call]
                extend-clock-functions = ["app.clock.utc_now"]
                extend-freezing-fixtures = ["frozen_clock"]
            """,
            "test_opts.py": """
                from app.clock import utc_now


                def test_reads(event):
                    assert event.at == utc_now()


                def test_frozen(event, frozen_clock):
                    assert event.at == utc_now()
            """,
        },
    )
    assert [(f.line, f.code) for f in check(tmp_path)] == [(5, "FXL303")]
