"""Clocks: the calls that read the wall clock (and whether at full resolution), the helpers
that freeze time, and the names of clock patching. Registered through the
``fixture_lint_clock_functions`` and ``fixture_lint_time_freezers`` hooks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class ClockFunction:
    """A function that reads the wall clock."""

    name: str
    """Qualified name: ``datetime.datetime.now``."""
    max_args: Optional[int] = None
    """It reads the clock only when called with at most this many arguments
    (``time.localtime()`` reads it, ``time.localtime(ts)`` does not); ``None``: always."""
    instant: bool = True
    """It returns a point in time that a duration can be measured from."""
    full_resolution: bool = False
    """Known to return the full resolution of the clock (``datetime.now()``,
    ``time.time()``): two readings never compare equal, so an equality check of one that
    is not coarsened cannot depend on the date. Unknown functions (options, plugins)
    may round (``myapp.clock.today_utc``) and count as coarse."""


@dataclass(frozen=True)
class TimeFreezer:
    """Something that freezes (or moves) the clock for the code it covers."""

    name: str
    kind: str
    """``call`` (a decorator, context manager or ``.start()`` object: ``freezegun.freeze_time``),
    ``fixture`` (a fixture name: ``freezer``) or ``mark`` (a pytest mark name: ``freeze_time``)."""


BUILTIN_CLOCK_FUNCTIONS: tuple[ClockFunction, ...] = (
    ClockFunction("datetime.datetime.now", full_resolution=True),
    ClockFunction("datetime.datetime.utcnow", full_resolution=True),
    ClockFunction("datetime.datetime.today", full_resolution=True),
    ClockFunction("datetime.date.today", instant=False),
    ClockFunction("time.time", full_resolution=True),
    ClockFunction("time.time_ns", full_resolution=True),
    ClockFunction("time.localtime", max_args=0, instant=False),
    ClockFunction("time.gmtime", max_args=0, instant=False),
    ClockFunction("time.ctime", max_args=0, instant=False),
    ClockFunction("time.asctime", max_args=0, instant=False),
    ClockFunction("time.strftime", max_args=1, instant=False),
    ClockFunction("django.utils.timezone.now", full_resolution=True),
    ClockFunction("django.utils.timezone.localdate", max_args=0, instant=False),
    ClockFunction("arrow.now", full_resolution=True),
    ClockFunction("arrow.utcnow", full_resolution=True),
    ClockFunction("pendulum.now", full_resolution=True),
    ClockFunction("pendulum.today", instant=False),
)

BUILTIN_TIME_FREEZERS: tuple[TimeFreezer, ...] = (
    TimeFreezer("freezegun.freeze_time", "call"),
    TimeFreezer("freezegun.api.freeze_time", "call"),
    TimeFreezer("time_machine.travel", "call"),
    TimeFreezer("libfaketime.fake_time", "call"),
    TimeFreezer("pendulum.travel_to", "call"),
    TimeFreezer("pendulum.test", "call"),
    TimeFreezer("freezer", "fixture"),  # pytest-freezer, pytest-freezegun
    TimeFreezer("time_machine", "fixture"),  # time-machine
    TimeFreezer("freeze_time", "mark"),  # pytest-freezer, pytest-freezegun
)

# Patching the clock: ``mock.patch("app.models.datetime")``, ``monkeypatch.setattr(time, "time", f)``.
PATCH_CALLS = frozenset(
    {
        "unittest.mock.patch", "unittest.mock.patch.object", "mock.patch", "mock.patch.object",
        "pytest_mock.mocker.patch", "pytest.MonkeyPatch.setattr",
    }
)
PATCH_LOCAL_SUFFIXES = ("mocker.patch", "mocker.patch.object", "monkeypatch.setattr", "mp.setattr", "patch.object")
CLOCK_WORDS = ("datetime", "time", "date", "now", "today", "clock")
MOVE_METHODS = frozenset({"move_to", "tick", "shift", "travel", "freeze", "start"})
