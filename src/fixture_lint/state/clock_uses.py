"""How a clock reading's value is used: whether a test's outcome can depend on the date
or the second (an equality or calendar comparison), or the reading is only relative time,
filler data, a presence check or a round trip (see :class:`ReadingUses`).

:mod:`fixture_lint.state.clock` finds the readings and whether time is frozen for them;
this module judges each unfrozen reading's uses.
"""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Sequence

from ..knowledge.clock import ClockFunction
from ..model.bodies import BodyIndex


# Attributes and methods that turn an instant into a calendar value: reading them ties
# the test to the date (midnight, month end, DST), whatever offset was added first.
_CALENDAR_ATTRS = frozenset(
    {
        "date", "day", "month", "year", "weekday", "isoweekday", "isocalendar", "strftime",
        "isoformat", "ctime", "timetuple", "utctimetuple", "hour", "minute", "toordinal",
    }
)
# What coarsens an instant to a calendar value or to whole units, so that a reading can
# compare equal to one taken at another instant (and flake at the boundary): everything
# else keeps the full resolution, which two readings never share.
_COARSE_ATTRS = (_CALENDAR_ATTRS - {"isoformat"}) | {
    "second", "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_yday", "tm_wday",
    "normalize", "floor", "ceil", "round", "to_period", "days", "seconds",
}
_TIME_FIELDS = frozenset({"microsecond", "second", "minute", "hour", "day", "nanosecond"})
_TRUNCATING_FUNCS = frozenset(
    {
        "int", "round", "math.floor", "math.ceil", "math.trunc", "time.localtime", "time.gmtime",
        "time.ctime", "time.strftime", "time.asctime", "datetime.date.fromtimestamp",
        "email.utils.formatdate", "email.utils.format_datetime", "wsgiref.handlers.format_date_time",
    }
)
# Constructors that keep the resolution of what they are given.
_FINE_CONSTRUCTORS = ("datetime.datetime", "datetime.timedelta", "decimal.Decimal", "fractions.Fraction")
# Calls that pass a reading through unchanged in kind: ``int(time.time())``,
# ``datetime.now(tz).replace(microsecond=0)``, ``now.timestamp()``.
PASS_THROUGH_FUNCS = frozenset({"int", "float", "round", "math.floor", "math.ceil", "math.trunc"})
_PASS_THROUGH_METHODS = frozenset({"replace", "astimezone", "timestamp"})


def _core(node: ast.AST, body: BodyIndex) -> ast.AST:
    """``int(time.time())`` -> ``time.time()``; ``now().replace(...)`` -> ``now()``."""
    while isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _PASS_THROUGH_METHODS:
            node = func.value
        elif len(node.args) == 1 and (
            (isinstance(func, ast.Name) and func.id in PASS_THROUGH_FUNCS)
            or body.qualified_name(func) in PASS_THROUGH_FUNCS
        ):
            node = node.args[0]
        else:
            break
    return node


# unittest assertions that are truthiness checks (a smoke test), not comparisons
_TRUTHY_ASSERTS = frozenset({"assertTrue", "assertFalse", "assertIsNotNone", "assertIsNone", "assert_"})


_TYPE_ATTRS = frozenset({"dtype", "dtypes", "tzinfo", "tz", "__class__", "shape", "fold", "resolution"})


def _root(node: ast.AST) -> ast.AST:
    """``df[0].values`` -> ``df``: the stored value an expression reads from."""
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        node = node.value if not isinstance(node, ast.Call) else node.func
    return node


_STORING_METHODS = frozenset(
    {"set", "setdefault", "update", "append", "add", "put", "insert", "extend", "store", "save", "push"}
)


def _container(node: ast.AST) -> Optional[str]:
    """The object an expression reads from or stores into: ``ser`` for ``ser["Date"]``
    and ``ser.Date``, ``self.cache`` for ``self.cache.get("k")`` (``self`` alone says too
    little)."""
    chain: list[str] = []
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
        node = node.value if not isinstance(node, ast.Call) else node.func
    if not isinstance(node, ast.Name):
        return None
    if node.id in ("self", "cls"):
        return f"{node.id}.{chain[-1]}" if chain else None
    return node.id


def _is_constructor(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name[:1].isupper()


def _is_assert_method(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr.startswith("assert") and func.attr not in _TRUTHY_ASSERTS


_PREDICATE_PREFIXES = ("is_", "has_", "can_", "should_", "was_", "will_", "needs_", "check", "within", "allowed")


def _is_predicate(call: ast.Call) -> bool:
    """``shop.is_open(now())``: the truth of the result is the point, not a smoke test."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name.lower().startswith(_PREDICATE_PREFIXES)


class ReadingUses:
    """How the value of each clock reading (``now()``, ``time.time()``, ``date.today()``)
    is used, to report only the readings a test's outcome can depend on.

    Not reported:

    - relative time (instants only): an operand of ``+``/``-`` (a duration, a deadline,
      an expiry: ``time.time() - start``, ``now() + timedelta(days=1)``) whose result never
      becomes a calendar value (``.day``, ``.date()``, ``.strftime()``); an operand of an
      ordering comparison (``created <= datetime.now()``, ``assertLess``), or one of two
      readings compared with ``assertAlmostEqual``;
    - a smoke test or a presence check: asserted truthy (``assert datetime.now()``),
      compared by identity (``stamp is not None``), inside the arguments (or the
      receiver) of a call that is only asserted truthy
      (``assert format_datetime(make_aware(datetime.now()))``), unless the call is a
      predicate (``assert shop.is_open(datetime.now())``);
    - full resolution: an instant that is never coarsened (no date, calendar field,
      whole units, ``Period(now, freq="D")``), never goes into a call whose result is
      checked and is not handed out as it is: no reading at another instant equals it,
      so the check does not depend on the date or the second;
    - the same reading on both sides of a comparison (a computation is checked);
    - a second reading of a call that was only stored in an object, compared with what
      that object gives back (``ser["Date"] = date.today()``;
      ``assert ser.Date == date.today()``);
    - only the kind of value is checked (``frame[0].dtype``, ``stamp.tzinfo``,
      ``isinstance(now, datetime)``);
    - the time a freezer starts from (``freeze_time(now)``);
    - input only: it goes into the code under test and is never checked;
    - a round trip: the value (stored in a name, or in a container made from it) goes into
      the code under test and is compared when it comes back (``response.expires = now``
      ... ``assert response.expires == now``; ``assert parse(now) is now``).

    Reported: a reading that is checked for equality (``assert``, ``==``, an ``assert*``
    call, handed out by a fixture) without being fed in, or only fed into a call whose
    result is checked (``assert is_open(now)``).
    """

    _ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
    _ORDERING_ASSERTS = frozenset({"assertLess", "assertLessEqual", "assertGreater", "assertGreaterEqual"})

    def __init__(
        self,
        calls: list[tuple[ast.Call, ClockFunction, str]],
        body: BodyIndex,
        freezer_args: set[int],
        handed_out: list[ast.expr],
    ) -> None:
        self.body = body
        self.readings = {id(call): call for call, clock, _ in calls}
        self.dates = {id(call) for call, clock, _ in calls if not clock.instant}
        self.freezer_args = freezer_args
        self.relative: set[int] = set()  # positions that make relative time (instants only)
        self.neutral: set[int] = set(freezer_args)  # positions that never depend on the moment
        self.checked: set[int] = set()
        self.arguments: set[int] = set()
        self.calendar: set[int] = set()
        self.bindings: dict[str, list[tuple[int, ast.expr]]] = {}
        self.passed: set[int] = set()  # arguments of calls other than assertions
        self.coarse: set[int] = set()
        self.handed_raw: set[int] = set()
        if not self.readings:
            return

        def core(node: ast.AST) -> ast.AST:
            return _core(node, body)

        self.receivers: set[int] = set()  # ``x`` in ``x.attr`` (not a calendar field)
        for attribute in body.of(ast.Attribute):
            if attribute.attr in _CALENDAR_ATTRS:
                self.calendar.add(id(core(attribute.value)))
            else:
                self.receivers.add(id(attribute.value))
                if attribute.attr in _TYPE_ATTRS:
                    self._mark(self.neutral, attribute.value)
        for assign in body.of(ast.Assign) + body.of(ast.AnnAssign):
            if assign.value is None:
                continue
            targets = assign.targets if isinstance(assign, ast.Assign) else [assign.target]
            for target in targets:
                name = self.key(target)
                if name is not None:
                    self.bindings.setdefault(name, []).append((assign.lineno, assign.value))
        for entries in self.bindings.values():
            entries.sort(key=lambda entry: entry[0])
        for binop in body.of(ast.BinOp):
            if isinstance(binop.op, (ast.Add, ast.Sub)) and id(binop) not in self.calendar:
                self.relative.add(id(core(binop.left)))
                self.relative.add(id(core(binop.right)))
        for compare in body.of(ast.Compare):
            if all(isinstance(op, self._ORDERING) for op in compare.ops):
                self.relative.update(id(core(o)) for o in [compare.left, *compare.comparators])
            elif all(isinstance(op, (ast.Is, ast.IsNot)) for op in compare.ops):
                self._mark(self.neutral, compare)  # identity or presence: ``x is not None``
            else:
                self._mark(self.checked, compare)
        for call in body.of(ast.Call):
            func = call.func
            asserting = _is_assert_method(call) or (isinstance(func, ast.Attribute) and func.attr in _TRUTHY_ASSERTS)
            for arg in list(call.args) + [kw.value for kw in call.keywords]:
                self.arguments.add(id(core(arg)))
                if not asserting:
                    self.passed.add(id(core(arg)))
            if isinstance(func, ast.Name) and func.id in ("type", "isinstance", "len") and call.args:
                self._mark(self.neutral, call.args[0])
            if not _is_assert_method(call):
                continue
            name = func.attr if isinstance(func, ast.Attribute) else ""
            if name in self._ORDERING_ASSERTS:
                self.relative.update(id(core(a)) for a in call.args)
            elif name == "assertAlmostEqual" and sum(self.is_reading(a) for a in call.args[:2]) == 2:
                self.relative.update(id(core(a)) for a in call.args[:2])
            else:
                self._mark(self.checked, call)
        for statement in body.of(ast.Assert):
            self._mark(self.checked, statement.test)
            self._truthiness(statement.test)
        for value in handed_out:
            self._mark(self.checked, value)
        # Where a reading is stored in the code under test: ``ser["Date"] = now``,
        # ``cache.set("k", now)`` (the name of the object it goes into).
        self.stored: dict[int, set[str]] = {}
        for assign in body.of(ast.Assign):
            for target in assign.targets:
                container = None if isinstance(target, ast.Name) else _container(target)
                if container is not None:
                    for held in self._readings_in(assign.value, set()):
                        self.stored.setdefault(held, set()).add(container)
        for call in body.of(ast.Call):
            func = call.func
            if not isinstance(func, ast.Attribute):
                continue
            container = _container(func.value)
            if container is not None and (func.attr in _STORING_METHODS or func.attr.startswith("set_")):
                for arg in list(call.args) + [kw.value for kw in call.keywords]:
                    for held in self._readings_in(arg, set()):
                        self.stored.setdefault(held, set()).add(container)
        # Precision: which readings are coarsened (a date, a calendar field, whole seconds)
        # somewhere, so that two readings at different instants can compare equal, or not,
        # depending on when the test runs.
        self.coarse = {id(call) for call, clock, _ in calls if not clock.instant or not clock.full_resolution}
        for inner in self._coarsened(body):
            self.coarse |= self._readings_in(inner, set())
        for value in handed_out:
            self.handed_raw |= self._readings_in(value, set(), through_strings=False)
        # A comparison with the same reading on both sides checks a computation, not the
        # clock: ``assert get_datetime(ts) == utcfromtimestamp(ts).datetime``.
        self.both_sides: set[int] = set()
        sides = [[c.left, *c.comparators] for c in body.of(ast.Compare) if id(c) in self.checked]
        sides += [list(c.args[:2]) for c in body.of(ast.Call) if _is_assert_method(c)]
        for operands in sides:
            if len(operands) < 2:
                continue
            seen: set[int] = set()
            for operand in operands:
                mentioned = self._mentioned(operand)
                self.both_sides |= mentioned & seen
                seen |= mentioned

    def _mentioned(self, node: ast.AST) -> set[int]:
        """The readings an expression depends on, also through calls."""
        found: set[int] = set()
        for child in ast.walk(node):
            if id(child) in self.readings or (
                isinstance(child, (ast.Name, ast.Attribute)) and isinstance(child.ctx, ast.Load)
            ):
                found |= self._readings_in(child, set())
        return found

    def _truthiness(self, tested: ast.expr) -> None:
        """``assert x``, ``assert not x``, ``assert a and b``: a truthiness check of a
        reading (``assert datetime.now()``) is a smoke test, whatever the date; so are the
        arguments and receiver of a call asserted truthy, unless it is a predicate
        (``assert shop.is_open(datetime.now())``)."""
        if isinstance(tested, ast.UnaryOp) and isinstance(tested.op, ast.Not):
            tested = tested.operand
        if isinstance(tested, ast.Await):
            tested = tested.value
        if isinstance(tested, ast.BoolOp):
            for value in tested.values:
                self._truthiness(value)
        elif isinstance(tested, ast.Call) and _is_predicate(tested):
            return
        elif isinstance(tested, ast.Call):
            for part in list(tested.args) + [kw.value for kw in tested.keywords]:
                self._mark(self.neutral, part)
            self._mark(self.neutral, tested.func)
            self.neutral.add(id(tested))
        elif not isinstance(tested, ast.Compare):
            self._mark(self.neutral, tested)

    @staticmethod
    def _coarsened(body: BodyIndex) -> Iterator[ast.AST]:
        """The expressions whose value is coarsened to a calendar value or to whole units:
        ``x.date()``, ``x.day``, ``x.strftime(...)``, ``int(x)``, ``x // 60``, ``x[:10]``,
        ``f"{x:%Y}"``, ``x.replace(microsecond=0)``, ``Period(x, freq="D")``."""
        for attribute in body.of(ast.Attribute):
            if attribute.attr in _COARSE_ATTRS:
                yield attribute.value
        for call in body.of(ast.Call):
            func = call.func
            arguments = list(call.args) + [kw.value for kw in call.keywords]
            if isinstance(func, ast.Attribute):
                if func.attr == "isoformat" and call.keywords:
                    yield func.value  # ``isoformat(timespec="seconds")``
                elif func.attr == "replace" and (
                    call.args or any(kw.arg in _TIME_FIELDS for kw in call.keywords)
                ):
                    yield func.value
            qualified = body.qualified_name(func)
            if qualified in _TRUNCATING_FUNCS or (isinstance(func, ast.Name) and func.id in _TRUNCATING_FUNCS):
                yield from arguments
            elif _is_constructor(func) and not (qualified or "").startswith(_FINE_CONSTRUCTORS):
                yield from arguments
        for binop in body.of(ast.BinOp):
            if isinstance(binop.op, (ast.FloorDiv, ast.Mod)):
                yield binop.left
                yield binop.right
        for subscript in body.of(ast.Subscript):
            if isinstance(subscript.slice, ast.Slice):
                yield subscript.value
        for formatted in body.of(ast.FormattedValue):
            if formatted.format_spec is not None:
                yield formatted.value

    def key(self, node: ast.AST) -> Optional[str]:
        return self.body.resolver.local_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else None

    @staticmethod
    def _mark(into: set[int], node: ast.AST) -> None:
        into.update(id(child) for child in ast.walk(node))

    def binding_of(self, node: ast.AST) -> Optional[ast.expr]:
        name = self.key(node)
        entries = self.bindings.get(name) if name is not None else None
        if not entries:
            return None
        line = getattr(node, "lineno", 0)
        before = [value for bound_at, value in entries if bound_at < line]
        return before[-1] if before else None

    def is_reading(self, node: ast.AST) -> bool:
        node = _core(node, self.body)
        if id(node) in self.readings:
            return True
        value = self.binding_of(node)
        return value is not None and bool(self._readings_in(value, set()))

    # -- the verdict ---------------------------------------------------------------------
    def benign(self) -> set[int]:
        """The readings that are not reported."""
        result: set[int] = set()
        if not self.readings:
            return result
        carriers: dict[str, set[int]] = {}
        for name, entries in self.bindings.items():
            for _, value in entries:
                held = self._readings_in(value, set())
                if held:
                    carriers.setdefault(name, set()).update(held)
        loads: dict[str, list[ast.AST]] = {}
        for node in self.body.of(ast.Name) + self.body.of(ast.Attribute):
            if isinstance(node.ctx, ast.Load):
                key = self.key(node)
                if key is not None and key in carriers:
                    name = key
                    loads.setdefault(name, []).append(node)
        inputs: set[int] = set()  # readings that only go into the code under test
        for reading_id in self.readings:
            is_date = reading_id in self.dates
            names = {name for name, held in carriers.items() if reading_id in held}
            if not names:
                if self._harmless(reading_id, is_date) or reading_id not in self.checked:
                    result.add(reading_id)
                    inputs.add(reading_id)
                elif self._full_resolution(reading_id, [self.readings[reading_id]]):
                    result.add(reading_id)
                continue
            uses = [use for name in names for use in loads.get(name, []) if self._holds(use, reading_id)]
            if self._full_resolution(reading_id, uses):
                result.add(reading_id)
                continue
            if any(id(use) in self.freezer_args for use in uses):
                result.add(reading_id)  # the frozen clock starts from it
                continue
            fed = bare = argument = False
            for use in uses:
                if id(use) in self.receivers and self._is_object_use(use):
                    continue  # ``task.info()``: another property of an object built from it
                offset = not is_date and self._is_offset_use(use)
                if self._harmless(id(use), is_date) or (offset and id(use) not in self.calendar):
                    if id(use) not in self.checked:
                        fed = fed or id(use) in self.arguments
                    continue
                if id(use) not in self.checked:
                    fed = True
                elif id(use) in self.arguments:
                    argument = True
                else:
                    bare = True
            if not (bare or argument):
                inputs.add(reading_id)
            if not (bare or argument) or (fed and (bare or argument)) or (bare and argument):
                result.add(reading_id)  # input only, or a round trip
        return result | self._second_readings(result, inputs)

    def _full_resolution(self, reading_id: int, uses: Sequence[ast.AST]) -> bool:
        """An instant that keeps its full resolution where it is checked: two readings
        never share one, so comparing it cannot pass or fail by the date or the second
        (``assert stamp == fake_rev_date``, ``tmp_path / f"po-{time.time()}.pot"``).
        Not so when it becomes a date, a calendar field or whole seconds somewhere, when
        a fixture hands it out as it is (its consumers may), or when it goes into a call
        whose result is checked (``assert shop.is_open(datetime.now())``)."""
        if reading_id in self.both_sides:
            return True
        if reading_id in self.coarse or reading_id in self.handed_raw:
            return False
        return not any(id(use) in self.passed and id(use) in self.checked for use in uses)

    def _second_readings(self, benign: set[int], inputs: set[int]) -> set[int]:
        """A round trip written with two readings: ``ser["Date"] = date.today()`` then
        ``assert ser.Date == date.today()``. The second reading checks that the first came
        back, not the calendar: it is benign when the same call was read earlier and only
        fed in."""
        fed: dict[str, set[str]] = {}
        result: set[int] = set()
        for reading_id, call in sorted(self.readings.items(), key=lambda item: (item[1].lineno, item[1].col_offset)):
            text = ast.dump(call)
            if reading_id not in benign and text in fed and self._compared_with(call) & fed[text]:
                result.add(reading_id)
            if reading_id in inputs and reading_id in self.stored:
                fed.setdefault(text, set()).update(self.stored[reading_id])
        return result

    def _compared_with(self, reading: ast.Call) -> set[str]:
        """The names of the objects read by the other side of the comparisons that
        hold ``reading`` (``ser`` in ``assert ser.Date == date.today()``)."""
        found: set[str] = set()
        sides: list[list[ast.expr]] = [[c.left, *c.comparators] for c in self.body.of(ast.Compare)]
        sides += [list(c.args[:2]) for c in self.body.of(ast.Call) if _is_assert_method(c)]
        for operands in sides:
            holding = [o for o in operands if any(node is reading for node in ast.walk(o))]
            if not holding:
                continue
            for other in operands:
                container = _container(other)
                if other not in holding and container is not None:
                    found.add(container)
        return found

    def _harmless(self, node_id: int, is_date: bool) -> bool:
        if node_id in self.neutral:
            return True
        return not is_date and node_id in self.relative and node_id not in self.calendar

    def _is_object_use(self, use: ast.AST) -> bool:
        value = self.binding_of(use)
        return value is not None and isinstance(value, ast.Call) and _is_constructor(value.func)

    def _is_offset_use(self, use: ast.AST) -> bool:
        value = self.binding_of(use)
        return value is not None and isinstance(_core(value, self.body), ast.BinOp)

    def _holds(self, use: ast.AST, reading_id: int) -> bool:
        value = self.binding_of(use)
        return value is not None and reading_id in self._readings_in(value, set())

    def _readings_in(self, value: ast.AST, seen: set[str], through_strings: bool = True) -> set[int]:
        """The readings a value holds: itself, through a name, a container, a string, a
        calendar value or an offset of it (not through other calls: what a function
        returns is something else)."""
        value = _core(value, self.body)
        if id(value) in self.readings:
            return {id(value)}
        name = self.key(value)
        if name is not None and name not in seen and name in self.bindings:
            held: set[int] = set()
            for _, bound in self.bindings[name]:
                held |= self._readings_in(bound, seen | {name}, through_strings)
            return held
        children: list[ast.expr] = []
        if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
            children = list(value.elts)
        elif isinstance(value, ast.Dict):
            children = [v for v in value.values if v is not None]
        elif isinstance(value, ast.JoinedStr) and not through_strings:
            children = [v.value for v in value.values if isinstance(v, ast.FormattedValue) and v.format_spec]
        elif isinstance(value, ast.JoinedStr):
            children = [v.value for v in value.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(value, ast.BinOp):
            children = [value.left, value.right]
        elif isinstance(value, ast.Attribute):
            children = [value.value] if value.attr in _CALENDAR_ATTRS else []
        elif isinstance(value, ast.Call):
            func = value.func
            if isinstance(func, ast.Attribute) and func.attr in _CALENDAR_ATTRS:
                children = [func.value]
            elif isinstance(func, ast.Name) and func.id in ("dict", "list", "tuple") + (
                ("str", "repr") if through_strings else ()
            ):
                children = list(value.args) + [kw.value for kw in value.keywords]
            elif _is_constructor(func):
                # ``Period(datetime.now(), freq="D")``: the object stands for the moment
                # (not one built from relative time: ``User(seen=now() - timedelta(days=1))``)
                arguments = list(value.args) + [kw.value for kw in value.keywords]
                children = [a for a in arguments if not isinstance(_core(a, self.body), ast.BinOp)]
        found: set[int] = set()
        for child in children:
            found |= self._readings_in(child, seen, through_strings)
        return found
