"""A resource leaked through the project's own wrapper, as an order-dependent failure.

A helper module (not test code) starts an HTTP server on a fixed port in a daemon
thread and returns it; a fixture hands out what it returns and never shuts it down, so
the server keeps listening after its test. A later test that serves on the same port
fails with EADDRINUSE; run first, it passes. fixture-lint (with ``--preview``) reports
the fixture's call of the wrapper as FXL103 (no teardown) and FXL302 (a fixed port bound
through the wrapper); after the FXL103 remedy (yield, then ``shutdown()`` and
``server_close()``) both orders pass. The code under analysis is run only here, by
pytest in a subprocess, never by fixture-lint.
"""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from helpers import run_cli, run_pytest, write_tree


def _free_fixed_port() -> int:
    """A port no one listens on now, written into the suite as a literal."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _suite(port: int) -> dict[str, str]:
    return {
        "pytest.ini": "[pytest]\n",
        "pyproject.toml": "[tool.fixture-lint]\npreview = true\n",
        "apphelpers/__init__.py": "",
        "apphelpers/server.py": f"""
            import threading
            from http.server import BaseHTTPRequestHandler, HTTPServer


            def start_http_server():
                server = HTTPServer(("127.0.0.1", {port}), BaseHTTPRequestHandler)
                threading.Thread(target=server.serve_forever, daemon=True).start()
                return server
            """,
        "test_pair.py": f"""
            from http.server import BaseHTTPRequestHandler, HTTPServer

            import pytest

            from apphelpers.server import start_http_server


            @pytest.fixture
            def server():
                return start_http_server()


            def test_polluter(server):
                assert server.server_address[1] == {port}


            def test_victim():
                own = HTTPServer(("127.0.0.1", {port}), BaseHTTPRequestHandler)
                own.server_close()
            """,
    }


_REMEDY = (
    "    return start_http_server()\n",
    "    server = start_http_server()\n    yield server\n    server.shutdown()\n    server.server_close()\n",
)



@pytest.mark.skipif(sys.platform == "win32", reason="SO_REUSEADDR lets a second bind succeed on Windows")
def test_wrapper_leak_fails_the_next_server_and_the_teardown_fixes_it(tmp_path: Path) -> None:
    port = _free_fixed_port()
    root = write_tree(tmp_path, _suite(port))
    polluter, victim = "test_pair.py::test_polluter", "test_pair.py::test_victim"

    assert run_pytest(root, victim).returncode == 0  # fine alone
    reverse = run_pytest(root, victim, polluter)
    assert reverse.returncode == 0, reverse.stdout  # and before the polluter
    before = run_pytest(root, polluter, victim)
    assert before.returncode == 1, before.stdout
    assert "1 failed, 1 passed" in before.stdout and "Address already in use" in before.stdout

    check = run_cli(["--output-format", "concise", "--no-cache", "--select", "FXL103,FXL302", "."], cwd=root)
    found = sorted(" ".join(line.split(" ")[:2]) for line in check.out.splitlines() if ": FXL" in line)
    assert found == [
        "test_pair.py:10:12: FXL103",
        "test_pair.py:10:12: FXL302",
        "test_pair.py:18:36: FXL302",  # the victim's own fixed port, the direct finding
    ], check.out
    assert "from `start_http_server()` (`http.server.HTTPServer()` at apphelpers/server.py:6)" in check.out
    assert f"binds fixed port {port} through `start_http_server()`" in check.out

    test_file = root / "test_pair.py"
    test_file.write_text(test_file.read_text(encoding="utf-8").replace(*_REMEDY), encoding="utf-8")
    after = run_pytest(root, polluter, victim)
    assert after.returncode == 0, after.stdout
    assert run_pytest(root, victim, polluter).returncode == 0
    check = run_cli(["--output-format", "concise", "--no-cache", "--select", "FXL103", "."], cwd=root)
    assert ": FXL103" not in check.out, check.out
