"""``fixture-lint server``: a language server over stdio (pygls), for editors.

Diagnostics as you type (debounced), on open and on save; quick fixes, "Fix all safe
fixes" and "Add noqa"; the rule's summary on hover. pygls is imported only here, when
the server starts, so the checker does not pay for it.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fixture-lint server",
        description="Run fixture-lint as a language server on standard input and output (LSP over stdio).",
    )
    # Many LSP clients pass --stdio by habit; stdio is the only transport.
    parser.add_argument("--stdio", action="store_true", help="speak LSP over stdin/stdout (the default and only transport)")
    parser.add_argument(
        "--debounce-ms",
        type=int,
        default=300,
        metavar="MS",
        help="wait this long after the last change before checking a buffer (default: 300)",
    )
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the server until the client disconnects; the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        from .lsp import serve
    except ImportError as exc:
        print(f"fixture-lint: error: the server needs pygls and lsprotocol ({exc})", file=sys.stderr)
        return 2
    return serve(debounce=max(args.debounce_ms, 0) / 1000)
