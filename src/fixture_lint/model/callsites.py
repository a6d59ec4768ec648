"""A text pre-scan: the lines where a call of one of some names may start.

Rules that look for rare calls (a server binding a port, a clock read) search the
module's text for ``name(`` (one regular expression: an opening parenthesis after one of
the names' endings) and walk only the functions whose lines contain a candidate. The scan over-approximates (a name in a string or a comment is a
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

    __slots__ = ("lasts", "groups", "_by_ending", "_endings", "_regex")

    def __init__(self, names: Iterable[str]) -> None:
        self.lasts = tuple(sorted({name.rsplit(".", 1)[-1] for name in names if name}))
        groups: dict[str, list[str]] = {}
        for last in self.lasts:  # names that end alike share one ending
            groups.setdefault(last[-4:] + "(", []).append(last)
        self.groups = tuple((key, tuple(members)) for key, members in sorted(groups.items()))
        self._by_ending = {key[:-1]: members for key, members in self.groups}
        self._endings = sorted({len(ending) for ending in self._by_ending}, reverse=True)
        self._regex: Optional[re.Pattern[str]] = None

    @property
    def regex(self) -> re.Pattern[str]:
        """An opening parenthesis after one of the endings (``rver(``): the pattern starts
        with a literal, which ``re`` finds at C speed; the endings are checked behind it,
        one lookbehind each (a third of the time of one ``str.find`` per ending)."""
        if self._regex is None:
            behind = "|".join(f"(?<={re.escape(ending)}\\()" for ending in self._by_ending)
            self._regex = re.compile(f"\\((?:{behind})" if behind else "(?!)")
        return self._regex

    def name_before(self, text: str, paren: int) -> Optional[int]:
        """Where the name called at the parenthesis ``paren`` starts, if it is one of
        ours and not the tail of a longer name (``check_call`` is not ``call``)."""
        for size in self._endings:
            members = self._by_ending.get(text[paren - size : paren])
            if members is None:
                continue
            for name in members:
                start = paren - len(name)
                if start >= 0 and text.startswith(name, start):
                    before = text[start - 1] if start else " "
                    if not (before.isalnum() or before == "_"):
                        return start
        return None


def call_pattern(names: Iterable[str]) -> CallNames:
    return CallNames(names)


class CallSites:
    """The 1-based lines of a module where a candidate call starts (``name(``)."""

    __slots__ = ("lines",)

    def __init__(self, text: str, names: CallNames) -> None:
        matches: list[int] = []
        for match in names.regex.finditer(text):
            start = names.name_before(text, match.start())
            if start is not None:
                matches.append(start)
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
