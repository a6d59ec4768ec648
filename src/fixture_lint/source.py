"""Source files: bytes to text (encoding cookie, BOM, newlines) and ``noqa`` comments.

Suppression follows flake8 to the letter, so that the CLI and the flake8 plugin agree:
a ``# noqa`` comment applies to every physical line of the logical line that holds it,
codes match by prefix and are case-sensitive, and ``# flake8: noqa`` alone on a line
silences the whole file.
"""
from __future__ import annotations

import bisect
import io
import re
import tokenize
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

NOQA_INLINE = re.compile(
    r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?",
    re.IGNORECASE,
)
NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)
_CODE_SPLIT = re.compile(r"[,\s]")


class SourceError(Exception):
    """The file cannot be turned into text; the message says why."""


@dataclass
class SourceFile:
    """The decoded text of one file, with what is needed to report and suppress."""

    text: str
    encoding: str = "utf-8"
    has_bom: bool = False
    newline: str = "\n"
    lines: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> SourceFile:
        return cls(text=text, lines=split_lines(text), newline=_first_newline(text))

    @classmethod
    def from_bytes(cls, data: bytes) -> SourceFile:
        """Decode ``data`` the way Python does: BOM, then the coding cookie, else UTF-8."""
        if b"\x00" in data:
            raise SourceError("source contains null bytes")
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            raise SourceError(f"cannot detect encoding: {exc}") from None
        has_bom = data.startswith(b"\xef\xbb\xbf")
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceError(f"cannot decode as {encoding}: {exc}") from None
        if has_bom and text.startswith("\ufeff"):
            text = text[1:]
        src = cls.from_text(text)
        src.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        src.has_bom = has_bom
        return src

    def line(self, lineno: int) -> str:
        """The physical line ``lineno`` (1-based) without its newline, or ``""``."""
        if 1 <= lineno <= len(self.lines):
            return self.lines[lineno - 1].rstrip("\r\n")
        return ""

    def char_column(self, lineno: int, byte_offset: int) -> int:
        """Turn ``ast``'s UTF-8 byte offset into a character offset (0-based)."""
        line = self.line(lineno)
        if line.isascii():
            return byte_offset
        return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace"))

    @cached_property
    def file_noqa(self) -> bool:
        """``# flake8: noqa`` alone on a line (flake8 ignores it after code)."""
        if "noqa" not in self.text.lower():
            return False
        return any(NOQA_FILE.match(line) for line in self.lines)

    @cached_property
    def _noqa_mapping(self) -> dict[int, str]:
        """Line number -> the text of its whole logical line, for lines near a noqa."""
        mapping: dict[int, str] = {}
        if "noqa" not in self.text.lower():
            return mapping
        # universal newlines: a CR-only file tokenizes line by line, as flake8 reads it
        readline = io.StringIO(self.text, newline=None).readline
        low, high = len(self.lines) + 2, -1
        try:
            for tok in tokenize.generate_tokens(readline):
                if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                    continue
                low = min(low, tok.start[0])
                high = max(high, tok.end[0])
                if tok.type in (tokenize.NL, tokenize.NEWLINE):
                    joined = "".join(self.lines[low - 1 : high])
                    for number in range(low, high + 1):
                        mapping[number] = joined
                    low, high = len(self.lines) + 2, -1
        except (tokenize.TokenError, SyntaxError):
            return {}
        return mapping

    def noqa_codes(self, lineno: int) -> Optional[frozenset[str]]:
        """``None``: no noqa; empty set: blanket noqa; else the codes (prefixes) listed."""
        text = self._noqa_mapping.get(lineno)
        if text is None:
            return None
        match = NOQA_INLINE.search(text)
        if match is None:
            return None
        codes = match.group("codes")
        if codes is None:
            return frozenset()
        return frozenset(code.strip() for code in _CODE_SPLIT.split(codes) if code.strip())

    def unknown_noqa_codes(self, prefix: str, known: frozenset[str]) -> list[tuple[int, str]]:
        """``(line, code)`` for every code in a ``# noqa:`` comment that starts with
        ``prefix`` (ours) but names no rule: a typo that silently suppresses nothing."""
        if prefix not in self.text or "noqa" not in self.text.lower():
            return []
        found = []
        for number, line in enumerate(self.lines, start=1):
            if prefix not in line:
                continue
            match = NOQA_INLINE.search(line)
            if match is None or match.group("codes") is None:
                continue
            for code in _CODE_SPLIT.split(match.group("codes")):
                code = code.strip()
                if code.startswith(prefix) and not any(k.startswith(code) for k in known):
                    found.append((number, code))
        return found

    @cached_property
    def _noqa_lines(self) -> list[int]:
        """The physical lines that hold the word ``noqa`` (any case), in order."""
        if "noqa" not in self.text.lower():
            return []
        return [number for number, line in enumerate(self.lines, start=1) if "noqa" in line.lower()]

    def is_suppressed(self, code: str, lineno: int, within: Optional[tuple[int, int]] = None) -> bool:
        """Whether a finding ``code`` on ``lineno`` is silenced by a noqa comment.

        ``within``: lines (first, last) known to hold the whole logical line of
        ``lineno`` (the top-level statement around it): with no ``noqa`` there, the
        answer needs no tokenizing of the file."""
        if within is not None:
            index = bisect.bisect_left(self._noqa_lines, within[0])
            if index == len(self._noqa_lines) or self._noqa_lines[index] > within[1]:
                return False
        codes = self.noqa_codes(lineno)
        if codes is None:
            return False
        return not codes or code in codes or code.startswith(tuple(codes))


def split_lines(text: str) -> list[str]:
    """Physical lines as Python counts them: split on ``\n``, ``\r\n`` and ``\r`` only
    (``str.splitlines`` also splits on form feeds and ``\u2028``, which ``ast`` does
    not count, and line numbers would drift)."""
    return io.StringIO(text, newline="").readlines()


def _first_newline(text: str) -> str:
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    if index < 0 and "\r" in text:
        return "\r"
    return "\n"
