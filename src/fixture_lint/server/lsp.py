"""The language server on pygls: LSP messages in, the engine's findings and fixes out.

A thin adapter, like the flake8 plugin: every answer comes from :mod:`.core`, which goes
through the engine and the fixing machinery. Engine work runs on one worker thread, in
order, so the event loop keeps reading messages while a file is checked; a result for
a buffer that changed meanwhile is dropped (the newer text is checked next).
"""
from __future__ import annotations

import asyncio
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from .. import __version__
from ..plugins import registry
from ..rule import Diagnostic
from .core import Checked, Checker, Positions, fixed_text, minimal_edit, rule_summary, with_noqa

SOURCE = "fixture-lint"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
DEBOUNCE_SECONDS = 0.3

T = TypeVar("T")


class FixtureLintServer(LanguageServer):
    """fixture-lint over LSP: diagnostics, quick fixes, fix-all, noqa, hover."""

    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__(SOURCE, __version__)
        self.debounce = debounce
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fixture-lint-check")
        self.checker = Checker(registry(), on_config_error=self._config_error, warn=self._warning)
        self.results: dict[str, tuple[Optional[int], Checked]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.shutdown_requested = False
        self.exit_requested = False

    # -- messages from the worker thread --------------------------------------------
    def _send(self, send: Callable[[Any], None], params: Any) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(send, params)

    def _config_error(self, message: str) -> None:
        text = f"fixture-lint: configuration error: {message} (keeping the previous settings)"
        self._send(self.window_show_message, types.ShowMessageParams(types.MessageType.Error, text))

    def _warning(self, message: str) -> None:
        self._send(self.window_log_message, types.LogMessageParams(types.MessageType.Warning, f"fixture-lint: {message}"))

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run engine work on the worker thread, in order."""
        self.loop = asyncio.get_running_loop()
        return await self.loop.run_in_executor(self.worker, function, *args)

    # -- checking -------------------------------------------------------------------
    def positions(self, text: str) -> Positions:
        return Positions(text, self.workspace.position_codec.client_num_units)

    def document(self, uri: str) -> Optional[TextDocument]:
        document: Optional[TextDocument] = self.workspace.text_documents.get(uri)
        return document

    async def current(self, uri: str) -> Optional[Checked]:
        """The findings of the buffer as it is now (from the last check when it is for
        this version of the text)."""
        document = self.document(uri)
        path = _path(uri)
        if document is None or path is None:
            return None
        version, text = document.version, document.source
        cached = self.results.get(uri)
        if cached is not None and cached[0] == version and cached[1].text == text:
            return cached[1]
        checked = await self.run(self.checker.check, path, text)
        self.results[uri] = (version, checked)
        return checked

    async def publish(self, uri: str) -> None:
        document = self.document(uri)
        path = _path(uri)
        if document is None:
            return
        if path is None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, [], document.version))
            return
        version, text = document.version, document.source
        try:
            checked = await self.run(self.checker.check, path, text)
        except Exception as exc:  # a bug must not take the editor's server down
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Error, f"fixture-lint: internal error: {type(exc).__name__}: {exc}")
            )
            return
        now = self.document(uri)
        if now is None or now.version != version or now.source != text:
            return  # the buffer changed while it was checked; the newer text is next
        self.results[uri] = (version, checked)
        positions = self.positions(text)
        diagnostics = [to_lsp(d, positions) for d in checked.diagnostics]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds; a later call replaces an earlier one
        (the latest text wins)."""
        loop = asyncio.get_running_loop()
        self.loop = loop
        self.cancel(uri)

        def start() -> None:
            self.pending.pop(uri, None)
            task = loop.create_task(self.publish(uri))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

        if delay <= 0:
            start()
        else:
            self.pending[uri] = loop.call_later(delay, start)

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()


def _path(uri: str) -> Optional[Path]:
    """The file behind a ``file:`` URI (an ``untitled:`` buffer has none)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(os.path.abspath(path)) if path else None


def to_lsp(diagnostic: Diagnostic, positions: Positions) -> types.Diagnostic:
    """Our finding as an LSP diagnostic; ``data`` identifies it for code actions."""
    start = positions.client(diagnostic.line, diagnostic.column)
    end = positions.client(diagnostic.end_line, diagnostic.end_column)
    fix = diagnostic.fix
    return types.Diagnostic(
        range=types.Range(types.Position(*start), types.Position(*end)),
        message=diagnostic.message,
        severity=types.DiagnosticSeverity.Warning,
        code=diagnostic.code,
        source=SOURCE,
        data={
            "code": diagnostic.code,
            "line": diagnostic.line,
            "column": diagnostic.column,
            "end_line": diagnostic.end_line,
            "end_column": diagnostic.end_column,
            "fix": None if fix is None else {"title": fix.message, "applicability": fix.applicability},
        },
    )


def _identity(diagnostic: Diagnostic) -> tuple[str, int, int, int, int]:
    return (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column)


def _finding(sent: types.Diagnostic, checked: Checked, positions: Positions) -> Optional[Diagnostic]:
    """Our finding behind a diagnostic the client sent back (by ``data``, else by code
    and range)."""
    data = sent.data
    for diagnostic in checked.diagnostics:
        if isinstance(data, dict) and "code" in data:
            wanted = (data.get("code"), data.get("line"), data.get("column"), data.get("end_line"), data.get("end_column"))
            if _identity(diagnostic) == wanted:
                return diagnostic
        elif diagnostic.code == sent.code and to_lsp(diagnostic, positions).range == sent.range:
            return diagnostic
    return None


def _wanted(kind: str, only: Optional[Any]) -> bool:
    if not only:
        return True
    return any(kind == str(o) or kind.startswith(f"{o}.") for o in (getattr(o, "value", o) for o in only))


def build_server(debounce: float = DEBOUNCE_SECONDS) -> FixtureLintServer:
    server = FixtureLintServer(debounce)

    def workspace_edit(uri: str, version: Optional[int], old: str, new: str) -> types.WorkspaceEdit:
        start, end, replacement = minimal_edit(old, new)
        positions = server.positions(old)
        edit = types.TextEdit(
            range=types.Range(
                types.Position(*positions.client_at_offset(start)), types.Position(*positions.client_at_offset(end))
            ),
            new_text=replacement,
        )
        capabilities = server.client_capabilities.workspace
        versioned = capabilities is not None and capabilities.workspace_edit is not None and bool(
            capabilities.workspace_edit.document_changes
        )
        if versioned:
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(identifier, [edit])])
        return types.WorkspaceEdit(changes={uri: [edit]})

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        # Settings without a configuration file are relative to the current directory,
        # as for the CLI run from the project: make that the workspace's root.
        root = None
        if params.workspace_folders:
            root = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = to_fs_path(params.root_uri)
        elif params.root_path:
            root = params.root_path
        if root and os.path.isdir(root):
            os.chdir(root)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(params: types.DidSaveTextDocumentParams) -> None:
        # A saved conftest.py or configuration can change the findings of every open file.
        await server.run(server.checker.invalidate)
        for uri in [params.text_document.uri, *(u for u in server.results if u != params.text_document.uri)]:
            server.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.cancel(uri)
        server.results.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = server.document(uri)
        checked = await server.current(uri)
        if document is None or checked is None or checked.result is None:
            return []
        text, version = checked.text, document.version
        positions = server.positions(text)
        only = params.context.only
        actions: list[types.CodeAction] = []
        quickfix = _wanted(types.CodeActionKind.QuickFix.value, only)
        for sent in params.context.diagnostics:
            if sent.source != SOURCE or not quickfix:
                continue
            finding = _finding(sent, checked, positions)
            if finding is None:
                continue
            fix = finding.fix
            if fix is not None:
                new = await server.run(fixed_text, text, finding)
                if new is not None:
                    unsafe = fix.applicability == "unsafe"
                    actions.append(
                        types.CodeAction(
                            title=f"Fix: {fix.message}" + (" (unsafe)" if unsafe else ""),
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[sent],
                            is_preferred=not unsafe,
                            edit=workspace_edit(uri, version, text, new),
                        )
                    )
            noqa = await server.run(with_noqa, text, finding.line, finding.code)
            if noqa is not None:
                actions.append(
                    types.CodeAction(
                        title=f"Add noqa: {finding.code}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[sent],
                        edit=workspace_edit(uri, version, text, noqa),
                    )
                )
        safe = any(d.fix is not None and d.fix.applicability == "safe" for d in checked.diagnostics)
        if safe and _wanted(FIX_ALL_KIND, only):
            path = checked.path
            new = await server.run(server.checker.fix_all_safe, path, text)
            if new is not None:
                actions.append(
                    types.CodeAction(title="Fix all safe fixes", kind=FIX_ALL_KIND, edit=workspace_edit(uri, version, text, new))
                )
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> Optional[types.Hover]:
        checked = await server.current(params.text_document.uri)
        if checked is None:
            return None
        positions = server.positions(checked.text)
        at = (params.position.line, params.position.character)
        parts: list[str] = []
        first: Optional[types.Range] = None
        for diagnostic in checked.diagnostics:
            span = to_lsp(diagnostic, positions).range
            if (span.start.line, span.start.character) <= at <= (span.end.line, span.end.character):
                summary = rule_summary(diagnostic.code, server.checker.registry.rules)
                if summary is not None and summary not in parts:
                    parts.append(summary)
                    first = first or span
        if not parts:
            return None
        contents = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts))
        return types.Hover(contents=contents, range=first)

    @server.feature(types.SHUTDOWN)
    def shutdown(*_: Any) -> None:
        server.shutdown_requested = True

    @server.feature(types.EXIT)
    def exit_(*_: Any) -> None:
        server.exit_requested = True

    return server


def serve(debounce: float = DEBOUNCE_SECONDS) -> int:
    """Serve over stdio until the client says exit or goes away. Exit code 0, or 1 for
    an ``exit`` without ``shutdown`` first (as LSP asks)."""
    server = build_server(debounce)
    protocol_out = sys.stdout.buffer
    # Anything printed by mistake must not corrupt the JSON-RPC stream.
    sys.stdout = sys.stderr
    try:
        server.start_io(sys.stdin.buffer, protocol_out)
    finally:
        server.worker.shutdown(wait=False, cancel_futures=True)
    return 1 if server.exit_requested and not server.shutdown_requested else 0
