"""``fixture-lint server``: the real server over stdio, driven as an editor drives it.

A tiny JSON-RPC client (Content-Length framing, no extra dependency) spawns
``python -m fixture_lint server`` and speaks LSP to it. Every wait has a timeout, so a
server that hangs fails the test instead of hanging it. The pure helpers behind the
server (noqa placement, positions, minimal edits, summaries) are tested directly below.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from fixture_lint.server.core import Positions, minimal_edit, rule_summary, with_noqa

TIMEOUT = 10.0

ENV_TEST = textwrap.dedent(
    """\
    import os


    def test_debug():
        os.environ["DEBUG"] = "1"
        assert os.environ["DEBUG"] == "1"


    def test_other():
        assert os.environ.get("DEBUG") is None
    """
)

PARAM_TEST = textwrap.dedent(
    """\
    import pytest


    @pytest.mark.parametrize("flag", [True, False])
    @pytest.mark.parametrize("events", [["start"]])
    def test_log(events, flag):
        events.append("stop")
        assert events == ["start", "stop"]
    """
)


class Client:
    """An editor's end of an LSP connection to a server subprocess."""

    def __init__(self, cwd: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fixture_lint", "server"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.next_id = 0
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        self._stderr_reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "a message without Content-Length"
            self.messages.put(json.loads(stream.read(length)))

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _next(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"timed out; notifications so far: {self.notifications}")
        try:
            message = self.messages.get(timeout=remaining)
        except queue.Empty:
            raise AssertionError(f"timed out; notifications so far: {self.notifications}") from None
        if "method" in message and "id" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message
                return message.get("result")

    def wait_for(self, method: str, where: Callable[[dict[str, Any]], bool] = lambda params: True) -> dict[str, Any]:
        """The first notification ``method`` (already seen and not yet taken, or next)
        whose params satisfy ``where``."""
        deadline = time.monotonic() + TIMEOUT
        seen = 0
        while True:
            for index in range(seen, len(self.notifications)):
                note = self.notifications[index]
                if note["method"] == method and where(note["params"]):
                    del self.notifications[index]
                    return dict(note["params"])
            seen = len(self.notifications)
            self._next(deadline)

    def diagnostics(self, uri: str, version: Optional[int] = None) -> list[dict[str, Any]]:
        params = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
        )
        return list(params["diagnostics"])

    def kill(self) -> None:
        """After a failed assertion: end the server now, without waiting."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def close(self) -> int:
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._stderr_reader.join(timeout=TIMEOUT)


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def _apply(text: str, edit: dict[str, Any]) -> str:
    """Apply a WorkspaceEdit (one document, UTF-16 positions) as an editor does."""
    changes = edit.get("documentChanges")
    edits = changes[0]["edits"] if changes else next(iter(edit["changes"].values()))
    lines = text.splitlines(keepends=True)

    def offset(position: dict[str, int]) -> int:
        before = sum(len(line) for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units, index = 0, 0
        while units < position["character"]:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return before + index

    for item in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        start, end = offset(item["range"]["start"]), offset(item["range"]["end"])
        text = text[:start] + item["newText"] + text[end:]
    return text


def _cli_fix(project: Path, relative: str, tmp_path: Path) -> str:
    """What ``fixture-lint --fix --unsafe-fixes`` makes of the same file, in a copy."""
    copy = tmp_path / f"cli-copy-{Path(relative).stem}"
    shutil.copytree(project, copy)
    subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--fix", "--unsafe-fixes", "--no-cache", relative],
        cwd=copy,
        capture_output=True,
        timeout=60,
    )
    return (copy / relative).read_text()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "tests").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.fixture-lint]\nselect = ["FXL"]\n')
    (root / "tests" / "test_env.py").write_text(ENV_TEST)
    (root / "tests" / "test_param.py").write_text(PARAM_TEST)
    (root / "tests" / "helpers.py").write_text(ENV_TEST)
    return root


def _initialize(client: Client, root: Path) -> None:
    result = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": _uri(root),
            "workspaceFolders": [{"uri": _uri(root), "name": "proj"}],
            "capabilities": {
                "workspace": {"workspaceEdit": {"documentChanges": True}},
                "textDocument": {"hover": {"contentFormat": ["markdown"]}, "synchronization": {"didSave": True}},
            },
        },
    )
    capabilities = result["capabilities"]
    assert capabilities["hoverProvider"]
    assert "source.fixAll.fixture-lint" in capabilities["codeActionProvider"]["codeActionKinds"]
    client.notify("initialized", {})


def _open(client: Client, path: Path, text: str, version: int = 1) -> str:
    uri = _uri(path)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": version, "text": text}})
    return uri


def _change(client: Client, uri: str, text: str, version: int) -> None:
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
    )


def _code_actions(client: Client, uri: str, diagnostic: dict[str, Any]) -> dict[str, dict[str, Any]]:
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    return {action["title"]: action for action in actions}


def test_round_trip_as_an_editor(project: Path, tmp_path: Path) -> None:
    client = Client(tmp_path)
    try:
        _initialize(client, project)
        path = project / "tests" / "test_env.py"
        uri = _open(client, path, ENV_TEST)
        [diagnostic] = client.diagnostics(uri, version=1)
        assert diagnostic["code"] == "FXL301"
        assert diagnostic["source"] == "fixture-lint"
        assert diagnostic["severity"] == 2
        assert diagnostic["range"] == {"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 29}}
        assert diagnostic["message"].startswith("test `test_debug` sets os.environ['DEBUG'] and never restores it")
        assert "codeDescription" not in diagnostic

        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 4, "character": 10}})
        assert hover["contents"]["kind"] == "markdown"
        assert hover["contents"]["value"].startswith("**FXL301 unpatched-global-write**\n\nFlags test code that changes state")
        assert hover["range"] == diagnostic["range"]
        assert client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}) is None

        actions = _code_actions(client, uri, diagnostic)
        fix = actions["Fix: Use `monkeypatch.setenv` and request `monkeypatch` (unsafe)"]
        assert fix["kind"] == "quickfix" and not fix["isPreferred"]
        fixed = _apply(ENV_TEST, fix["edit"])
        assert fixed == _cli_fix(project, "tests/test_env.py", tmp_path)
        assert "def test_debug(monkeypatch):" in fixed
        noqa = _apply(ENV_TEST, actions["Add noqa: FXL301"]["edit"])
        assert noqa.splitlines()[4] == '    os.environ["DEBUG"] = "1"  # noqa: FXL301'
        assert "Fix all safe fixes" not in actions  # the only fix is unsafe

        _change(client, uri, fixed, 2)
        assert client.diagnostics(uri, version=2) == []

        _change(client, uri, "def test_broken(:\n    pass\n", 3)
        [broken] = client.diagnostics(uri, version=3)
        assert broken["code"] == "FXL000"
        assert broken["message"].startswith("cannot check this file:")

        # Not test code: checked by nobody, published empty.
        helper = _open(client, project / "tests" / "helpers.py", ENV_TEST)
        assert client.diagnostics(helper, version=1) == []

        # A fix that adds an import, over the wire, equals the CLI's.
        param = _open(client, project / "tests" / "test_param.py", PARAM_TEST)
        [finding] = client.diagnostics(param, version=1)
        assert finding["code"] == "FXL201"
        [title] = [t for t in _code_actions(client, param, finding) if t.startswith("Fix: ")]
        edit = _code_actions(client, param, finding)[title]["edit"]
        assert "import copy" in _apply(PARAM_TEST, edit)
        assert _apply(PARAM_TEST, edit) == _cli_fix(project, "tests/test_param.py", tmp_path)

        assert client.request("shutdown", None) is None
        client.notify("exit", None)
        assert client.close() == 0
    finally:
        client.kill()
    assert b"Traceback" not in client.stderr


def test_a_broken_configuration_is_shown_once_and_the_previous_settings_kept(project: Path, tmp_path: Path) -> None:
    client = Client(tmp_path)
    try:
        _initialize(client, project)
        path = project / "tests" / "test_env.py"
        uri = _open(client, path, ENV_TEST)
        assert [d["code"] for d in client.diagnostics(uri, version=1)] == ["FXL301"]
        (project / "pyproject.toml").write_text("[tool.fixture-lint\nselect = [")
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        shown = client.wait_for("window/showMessage")
        assert shown["type"] == 1
        assert "pyproject.toml" in shown["message"] and "not valid TOML" in shown["message"]
        # The previous settings stay in force: the finding is still published.
        assert [d["code"] for d in client.diagnostics(uri, version=1)] == ["FXL301"]
        _change(client, uri, ENV_TEST + "\n", 2)
        assert [d["code"] for d in client.diagnostics(uri, version=2)] == ["FXL301"]
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        _change(client, uri, ENV_TEST, 3)
        assert [d["code"] for d in client.diagnostics(uri, version=3)] == ["FXL301"]
        assert not [n for n in client.notifications if n["method"] == "window/showMessage"]
        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.close() == 0
    finally:
        client.kill()


def test_a_client_that_goes_away_ends_the_server_cleanly(project: Path, tmp_path: Path) -> None:
    client = Client(tmp_path)
    _initialize(client, project)
    uri = _open(client, project / "tests" / "test_env.py", ENV_TEST)
    client.diagnostics(uri, version=1)
    assert client.process.stdin is not None
    client.process.stdin.close()
    assert client.close() == 0
    assert b"Traceback" not in client.stderr


def test_exit_without_shutdown_is_exit_code_1(project: Path, tmp_path: Path) -> None:
    client = Client(tmp_path)
    _initialize(client, project)
    client.notify("exit", None)
    assert client.close() == 1


# -- the helpers behind the server ----------------------------------------------------
def test_noqa_is_added_at_the_end_of_the_reported_line() -> None:
    text = "def test_x():\n    os.environ['A'] = '1'\n"
    assert with_noqa(text, 2, "FXL301") == "def test_x():\n    os.environ['A'] = '1'  # noqa: FXL301\n"


def test_noqa_merges_with_an_existing_one_on_the_logical_line() -> None:
    text = 'serve("""\n8080\n""")  # noqa: E501\n'
    assert with_noqa(text, 1, "FXL302") == 'serve("""\n8080\n""")  # noqa: E501, FXL302\n'
    text = "call(\n    port=8080,\n)  # noqa: E501\n"  # each bracketed line counts alone
    assert with_noqa(text, 2, "FXL302") == "call(\n    port=8080,  # noqa: FXL302\n)  # noqa: E501\n"
    text = "x = 1  # noqa:E501 trailing words\r\n"
    assert with_noqa(text, 1, "FXL302") == "x = 1  # noqa:E501, FXL302 trailing words\r\n"


def test_noqa_is_never_put_inside_a_string_or_after_a_backslash() -> None:
    assert with_noqa('x = """\nport 8080\n"""\n', 1, "FXL302") is None
    assert with_noqa('x = """\nport 8080\n"""\n', 2, "FXL302") is None
    assert with_noqa("x = 1 + \\\n    2\n", 1, "FXL302") is None
    assert with_noqa("x = 1  # noqa\n", 1, "FXL302") is None
    assert with_noqa("def (:\n", 1, "FXL302") is None


def test_positions_count_utf16_units_and_ast_lines() -> None:
    def utf16(chars: str) -> int:
        return len(chars.encode("utf-16-le")) // 2

    text = 'x = "😋"; y = 1\r\nz\x0cw = 2\n'
    positions = Positions(text, utf16)
    assert positions.client(1, 10) == (0, 10)  # column 10 (1-based chars) is after the emoji
    assert positions.ours(0, 10) == (1, 10)
    assert positions.client(2, 3) == (1, 2)  # a form feed is not a line break
    assert positions.client_at_offset(len(text)) == (2, 0)


def test_minimal_edit_never_splits_a_crlf() -> None:
    old, new = "a\r\nb\r\n", "a\r\nX\r\nb\r\n"
    start, end, replacement = minimal_edit(old, new)
    assert old[:start] + replacement + old[end:] == new
    assert old[start - 1 : start + 1] != "\r\n" and old[end - 1 : end + 1] != "\r\n"
    assert minimal_edit("same", "same") == (4, 4, "")


def test_rule_summary_is_the_first_paragraph_of_what_it_does() -> None:
    summary = rule_summary("FXL302")
    assert summary is not None
    assert summary.startswith("**FXL302 hardcoded-port**\n\n")
    assert "\n" not in summary.split("\n\n", 1)[1]
