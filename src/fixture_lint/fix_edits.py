"""Building fixes, for rules: text edits by position in a source file (a node's
replacement, an insertion, a parameter added to a signature the way the code is laid out).

The edits are data (:class:`~fixture_lint.rule.Edit`); :mod:`fixture_lint.fixing` applies
them.
"""
from __future__ import annotations

import ast
import re
import tokenize
from dataclasses import dataclass
from typing import Optional, Sequence, Union

from .rule import Edit
from .source import SourceFile

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
_NEWLINE = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where each physical line starts (``ast``'s line breaks)."""
    starts = [0]
    starts.extend(match.end() for match in _NEWLINE.finditer(text))
    return starts


class _Lines:
    """Physical lines as ``ast`` counts them (``\\n``, ``\\r\\n``, ``\\r``), cached for
    the text last asked about: a rule builds all fixes of one file in a row."""

    text: Optional[str] = None
    lines: list[str] = []

    @classmethod
    def of(cls, text: str) -> list[str]:
        if cls.text is not text:
            starts = line_starts(text)
            ends = starts[1:] + [len(text)]
            cls.lines = [text[start:end].rstrip("\r\n") for start, end in zip(starts, ends)]
            cls.text = text
        return cls.lines


def char_column(source: SourceFile, line: int, byte_offset: int) -> int:
    """The 0-based character column of ``ast``'s UTF-8 byte offset on ``line``."""
    lines = _Lines.of(source.text)
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    if text.isascii():
        return byte_offset
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace"))


def node_text(source: SourceFile, node: ast.AST) -> str:
    """The exact source text of ``node`` (multi-line nodes keep their line breaks)."""
    lines = _Lines.of(source.text)
    starts = line_starts(source.text)
    first, last = node.lineno, node.end_lineno or node.lineno  # type: ignore[attr-defined]
    begin = starts[first - 1] + char_column(source, first, node.col_offset)  # type: ignore[attr-defined]
    end_col = node.end_col_offset if node.end_col_offset is not None else len(lines[last - 1])  # type: ignore[attr-defined]
    end = starts[last - 1] + char_column(source, last, end_col)
    return source.text[begin:end]


def replace_node(source: SourceFile, node: ast.AST, content: str) -> Edit:
    """An edit replacing ``node``'s text with ``content``."""
    line, end_line = node.lineno, node.end_lineno or node.lineno  # type: ignore[attr-defined]
    return Edit(
        content,
        line,
        char_column(source, line, node.col_offset) + 1,  # type: ignore[attr-defined]
        end_line,
        char_column(source, end_line, node.end_col_offset or 0) + 1,  # type: ignore[attr-defined]
    )


def insert_at(source: SourceFile, line: int, byte_offset: int, content: str) -> Edit:
    """An edit inserting ``content`` at ``ast``'s position (line, byte offset)."""
    column = char_column(source, line, byte_offset) + 1
    return Edit(content, line, column, line, column)


def add_parameter(source: SourceFile, function: FunctionNode, name: str) -> Optional[Edit]:
    """An edit adding parameter ``name`` to ``function`` in the signature's own layout.

    The place keeps the signature valid for pytest, which requests fixtures by name:
    after the last positional parameter without a default (``self`` included), else
    before the first parameter with a default, ``*``/``*args`` or ``**kwargs``, else
    between empty parentheses. A one-line signature stays one line (``a, name``); a
    signature with one parameter per line gets ``name`` on its own line with the others'
    indentation, with a trailing comma where the signature has one (comments stay with
    their parameters); any other layout gets ``, name`` after the parameter. ``None``
    when there is no readable place (positional-only parameters, unreadable tokens)."""
    args = function.args
    if args.posonlyargs:
        return None  # pytest does not pass fixtures to positional-only parameters
    required = len(args.args) - len(args.defaults)
    signature = _Signature.read(source, function)
    if signature is None:
        return None
    expected = len(args.args) + bool(args.vararg or args.kwonlyargs) + len(args.kwonlyargs) + bool(args.kwarg)
    if len(signature.items) != expected:
        return None  # the tokens and the tree disagree: leave it to a human
    if required:
        return signature.after(required - 1, name)
    if signature.items:
        return signature.before_first(name)
    row, column = signature.open_end
    return Edit(name, row, column + 1, row, column + 1)


@dataclass(frozen=True)
class _Item:
    """One comma-separated part of a parameter list: its first and last tokens'
    positions (1-based rows, 0-based character columns)."""

    start: tuple[int, int]
    end: tuple[int, int]


@dataclass(frozen=True)
class _Signature:
    """The tokens of a parameter list, split into parameters (``*`` and ``/`` count)."""

    lines: Sequence[str]
    open_end: tuple[int, int]
    close_start: tuple[int, int]
    items: tuple[_Item, ...]
    commas: tuple[Optional[tuple[int, int]], ...]
    """The end of the comma after each item (``None`` for the last one without)."""

    @classmethod
    def read(cls, source: SourceFile, function: FunctionNode) -> Optional[_Signature]:
        lines = _Lines.of(source.text)
        first = function.lineno
        if not 1 <= first <= len(lines):
            return None
        rows = iter(range(first - 1, len(lines)))

        def readline() -> str:
            index = next(rows, None)
            return "" if index is None else lines[index] + "\n"

        items: list[_Item] = []
        commas: list[Optional[tuple[int, int]]] = []
        depth = 0
        opened: Optional[tuple[int, int]] = None
        heading = "def"
        start: Optional[tuple[int, int]] = None
        end: Optional[tuple[int, int]] = None
        try:
            for token in tokenize.generate_tokens(readline):
                row, column = token.start[0] + first - 1, token.start[1]
                end_row, end_column = token.end[0] + first - 1, token.end[1]
                if opened is None:
                    if heading == "name":
                        if token.string != function.name:
                            return None
                        heading = "("
                    elif heading == "(":
                        if token.string != "(":
                            return None  # type parameters: not a layout this knows
                        opened, depth = (end_row, end_column), 1
                    elif token.type == tokenize.NAME and token.string == "def":
                        heading = "name"
                    continue
                if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                    continue
                if token.type == tokenize.OP and token.string in "([{":
                    depth += 1
                elif token.type == tokenize.OP and token.string in ")]}":
                    depth -= 1
                    if depth == 0:
                        if start is not None and end is not None:
                            items.append(_Item(start, end))
                            commas.append(None)
                        return cls(lines, opened, (row, column), tuple(items), tuple(commas))
                if depth == 1 and token.type == tokenize.OP and token.string == ",":
                    if start is None or end is None:
                        return None
                    items.append(_Item(start, end))
                    commas.append((end_row, end_column))
                    start = end = None
                    continue
                if start is None:
                    start = (row, column)
                end = (end_row, end_column)
        except (tokenize.TokenError, SyntaxError):
            return None
        return None

    @property
    def one_line(self) -> bool:
        return self.open_end[0] == self.close_start[0]

    def _line(self, row: int) -> str:
        return self.lines[row - 1]

    def one_per_line(self) -> bool:
        """Every parameter starts a line of its own (the first may follow the ``(``)."""
        if self.one_line or not self.items:
            return False
        for index, item in enumerate(self.items):
            if index == 0 and item.start[0] == self.open_end[0]:
                continue  # hanging: the first parameter follows the ``(``
            if index > 0 and item.start[0] == self.items[index - 1].end[0]:
                return False
            if self._line(item.start[0])[: item.start[1]].strip():
                return False
        return True

    def indent(self) -> str:
        """The indentation of the parameters that start their lines (the column of the
        first parameter when it follows the ``(``)."""
        for item in self.items:
            prefix = self._line(item.start[0])[: item.start[1]]
            if not prefix.strip():
                return prefix
        return " " * self.items[0].start[1]

    def _rest_is_comment(self, row: int, column: int) -> bool:
        rest = self._line(row)[column:].strip()
        return not rest or rest.startswith("#")

    def after(self, index: int, name: str) -> Edit:
        item = self.items[index]
        row, column = item.end
        inline = Edit(f", {name}", row, column + 1, row, column + 1)
        if not self.one_per_line():
            return inline
        line = self._line(row)
        comma = self.commas[index]
        if comma is not None:
            if comma[0] != row or not self._rest_is_comment(*comma):
                return inline
            return Edit(f"\n{self.indent()}{name},", row, len(line) + 1, row, len(line) + 1)
        if self.close_start[0] == row:
            return Edit(f",\n{self.indent()}{name}", row, column + 1, row, column + 1)
        if not self._rest_is_comment(row, column):
            return inline
        rest = line[column:]
        return Edit(f",{rest}\n{self.indent()}{name}", row, column + 1, row, len(line) + 1)

    def before_first(self, name: str) -> Edit:
        row, column = self.items[0].start
        if self.one_per_line():
            return Edit(f"{name},\n{self.indent()}", row, column + 1, row, column + 1)
        return Edit(f"{name}, ", row, column + 1, row, column + 1)
