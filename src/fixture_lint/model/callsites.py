"""A text pre-scan: the lines where a call of one of some names may start.

Rules that look for rare calls (a server binding a port, a clock read) search the
module's text for ``name(`` with ``str.find`` (C speed) and walk only the functions whose
lines contain a candidate. The scan over-approximates (a name in a string or a comment is a
candidate too): it decides what to skip, the ``ast`` decides what is found.
"""
from __future__ import annotations

import ast
import bisect
import re
from typing import Iterable, Optional


_NEWLINE = re.compile("\n")
_ANY_NEWLINE = re.compile("\r\n|\r|\n")  # as ``ast`` counts lines


class CallNames:
    """The last components of some dotted call names (``Popen`` for ``subprocess.Popen``)."""

    __slots__ = ("lasts", "groups")

    def __init__(self, names: Iterable[str]) -> None:
        self.lasts = tuple(sorted({name.rsplit(".", 1)[-1] for name in names if name}))
        groups: dict[str, list[str]] = {}
        for last in self.lasts:  # names that end alike share one first search
            groups.setdefault(last[-4:] + "(", []).append(last)
        self.groups = tuple((key, tuple(members)) for key, members in sorted(groups.items()))


def call_pattern(names: Iterable[str]) -> CallNames:
    return CallNames(names)


class CallSites:
    """The 1-based lines of a module where a candidate call starts (``name(``)."""

    __slots__ = ("lines",)

    def __init__(self, text: str, names: CallNames) -> None:
        # ``str.find`` runs at C speed; only its hits are looked at in Python
        matches: list[int] = []
        for key, members in names.groups:
            if len(members) > 1 and key not in text:
                continue  # "rver(" absent: none of the *Server names is called
            for name in members:
                self._find(text, name + "(", matches)
        starts: list[int] = []
        if matches:
            newlines: Optional[list[int]] = None
            if "\r" in text:  # CR or CRLF line ends: count them as ``ast`` does
                newlines = [m.start() for m in _ANY_NEWLINE.finditer(text)]
            elif len(matches) > 16:
                newlines = [m.start() for m in _NEWLINE.finditer(text)]
            for offset in matches:
                if newlines is not None:
                    starts.append(bisect.bisect_left(newlines, offset) + 1)
                else:
                    starts.append(text.count("\n", 0, offset) + 1)
        self.lines = sorted(starts)

    @staticmethod
    def _find(text: str, needle: str, matches: list[int]) -> None:
        position = text.find(needle)
        while position >= 0:
            before = text[position - 1] if position else " "
            if not (before.isalnum() or before == "_"):
                matches.append(position)
            position = text.find(needle, position + len(needle))

    def __bool__(self) -> bool:
        return bool(self.lines)

    def within(self, node: ast.AST) -> bool:
        """Whether a candidate starts within the lines of ``node`` (decorators included)."""
        first = getattr(node, "lineno", 0)
        for decorator in getattr(node, "decorator_list", ()):
            first = min(first, decorator.lineno)
        last = getattr(node, "end_lineno", None) or first
        index = bisect.bisect_left(self.lines, first)
        return index < len(self.lines) and self.lines[index] <= last
