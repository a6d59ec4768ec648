"""Process-wide state that standard-library calls change (FXL306), and files at fixed
paths (FXL307): data, not logic.

A setter changes one piece of process state; what undoes it is a later call of one of
its ``undo`` functions (the setter itself, given the saved value back, counts: ``old =
os.umask(0o22)`` ... ``os.umask(old)``). ``keyed`` setters change one slot of the state
(a signal's handler, a locale category, one logger's level): only an undo given the same
first argument (or called on the same logger) puts that slot back.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setter:
    """A call that changes process state, and what puts it back."""

    changes: str
    """What it changes, as a message shows it."""
    undo: frozenset[str]
    """Qualified names (or, for logger methods, ``Logger.<method>``) of calls that undo it."""
    keyed: bool = False
    """The first argument (or the logger) names which slot changes."""
    min_args: int = 1
    """Fewer positional and keyword arguments than this only read the state
    (``locale.setlocale(locale.LC_ALL)`` returns the current locale)."""
    remedy: str = ""
    """The way out, for the help line (empty: save the old value and set it back)."""


def _same(name: str, *others: str) -> frozenset[str]:
    return frozenset((name, *others))


SETTERS: dict[str, Setter] = {
    "logging.disable": Setter(
        "logging's global disable level", _same("logging.disable"), remedy="call `logging.disable(logging.NOTSET)` after the test (after `yield`, in `finally`, or with `addfinalizer`)"
    ),
    "logging.basicConfig": Setter(
        "the root logger's handlers and level",
        frozenset({"Logger.removeHandler", "logging.shutdown", "Logger.handlers"}),
        remedy="use `caplog`, or remove the handlers it added after the test",
    ),
    "asyncio.set_event_loop": Setter(
        "the current event loop",
        _same("asyncio.set_event_loop", "aiohttp.test_utils.teardown_test_loop"),
        remedy="set the previous loop back (or `asyncio.set_event_loop(None)`) after the test, after closing this one",
    ),
    "asyncio.set_event_loop_policy": Setter("the event loop policy", _same("asyncio.set_event_loop_policy")),
    "locale.setlocale": Setter("the process locale", _same("locale.setlocale", "locale.resetlocale"), keyed=True, min_args=2),
    "signal.signal": Setter("a signal handler", _same("signal.signal"), keyed=True, min_args=2),
    "socket.setdefaulttimeout": Setter("the default socket timeout", _same("socket.setdefaulttimeout")),
    "os.umask": Setter("the process umask", _same("os.umask")),
    "sys.setrecursionlimit": Setter("the recursion limit", _same("sys.setrecursionlimit")),
    "sys.setswitchinterval": Setter("the thread switch interval", _same("sys.setswitchinterval")),
    "sys.set_int_max_str_digits": Setter("the int string conversion limit", _same("sys.set_int_max_str_digits")),
    "sys.settrace": Setter("the trace function", _same("sys.settrace")),
    "sys.setprofile": Setter("the profile function", _same("sys.setprofile")),
    "threading.settrace": Setter("the trace function of new threads", _same("threading.settrace")),
    "threading.setprofile": Setter("the profile function of new threads", _same("threading.setprofile")),
    "gc.disable": Setter("the garbage collector (disabled)", _same("gc.enable"), min_args=0),
    "gc.set_threshold": Setter("the garbage collector's thresholds", _same("gc.set_threshold")),
    "decimal.setcontext": Setter("the decimal context", _same("decimal.setcontext")),
}

LOGGER_SETTERS: dict[str, Setter] = {
    # methods of a logger from ``logging.getLogger(...)`` / ``logging.root``: every named
    # logger lives in the process-wide manager, so what a test does to it stays.
    "addHandler": Setter(
        "the handlers of a logger",
        frozenset({"Logger.removeHandler", "logging.shutdown", "Logger.handlers"}),
        remedy="remove the handler after the test (`logger.removeHandler(handler)` after `yield` or in `finally`), or use `caplog`",
    ),
    "setLevel": Setter(
        "the level of a logger",
        frozenset({"Logger.setLevel"}),
        keyed=True,
        remedy="use `caplog.set_level(level, logger=...)`, which pytest undoes after the test",
    ),
}
LOGGER_FACTORIES = frozenset({"logging.getLogger"})
PRIVATE_LOGGER_ROOTS = frozenset({"test", "tests"})
"""First dotted parts of logger names the code under test never logs to: a
``getLogger("test.aiohttp.log")`` that a test makes up for itself (its module names it
once) has no other user, so its level and handlers reach no later test."""
ROOT_LOGGERS = frozenset({"logging.root", "logging.Logger.root", "logging.RootLogger.root"})

CLOSED_DEFAULT_LOOP = Setter(
    "the default event loop (closed)",
    frozenset({"asyncio.set_event_loop"}),
    remedy="close only loops the test created, or set a fresh loop after closing it (`asyncio.set_event_loop(asyncio.new_event_loop())`)",
)
"""``asyncio.get_event_loop().close()``: the closed loop stays the current one, and the
next ``get_event_loop()`` hands it out ("Event loop is closed")."""
DEFAULT_LOOP_GETTERS = frozenset({"asyncio.get_event_loop", "asyncio.get_event_loop_policy.get_event_loop"})
"""Calls whose value is the current (default) loop: only closing that loop is a change of
process state. A loop the code made itself (``asyncio.new_event_loop()``, a fixture's
loop, a parameter) is its own, and so is any other object's ``close()`` (an HTTP response,
a client session, a server): closing those changes nothing process-wide. A made loop that
was installed with ``set_event_loop`` and is closed while current is the
``set_event_loop`` call's finding, not a second one."""

RESTORING_CONTEXTS: dict[str, frozenset[str]] = {
    # context managers whose exit undoes a setter called inside them (or in the
    # fixture whose ``yield`` they enclose): aiohttp's loop_context ends with
    # ``teardown_test_loop``, which sets the current loop back to ``None``.
    "aiohttp.test_utils.loop_context": frozenset({"asyncio.set_event_loop"}),
}

RESET_BY_PYTEST: dict[str, str] = {
    # pytest's warnings plugin runs every test (setup, call and teardown) inside
    # ``warnings.catch_warnings()``, so filters set there are gone after the test.
    "warnings.simplefilter": "pytest resets warnings filters after every test",
    "warnings.filterwarnings": "pytest resets warnings filters after every test",
    "warnings.resetwarnings": "pytest resets warnings filters after every test",
}
"""Setters whose change pytest itself undoes: never reported (their negative cases show it).
``logging.basicConfig`` without ``force=True`` is a no-op under pytest: its logging plugin
keeps handlers on the root logger during every test phase, and basicConfig does nothing
when the root logger has handlers."""

CURRENT_VALUE: dict[str, str] = {
    "signal.signal": "signal.getsignal",
    "socket.setdefaulttimeout": "socket.getdefaulttimeout",
    "sys.setrecursionlimit": "sys.getrecursionlimit",
    "sys.setswitchinterval": "sys.getswitchinterval",
    "sys.set_int_max_str_digits": "sys.get_int_max_str_digits",
    "sys.settrace": "sys.gettrace",
    "sys.setprofile": "sys.getprofile",
    "threading.settrace": "threading.gettrace",
    "threading.setprofile": "threading.getprofile",
    "decimal.setcontext": "decimal.getcontext",
    "asyncio.set_event_loop_policy": "asyncio.get_event_loop_policy",
}
"""The call that reads what each setter sets: a setter handed that read of its own slot
(``signal.signal(SIGINT, signal.getsignal(SIGINT))``, trio's main-thread probe) puts back
what is there and changes nothing."""

RESET_VALUES: dict[str, frozenset[str]] = {
    "logging.disable": frozenset({"0", "logging.NOTSET", "NOTSET"}),
    "signal.signal": frozenset({"signal.SIG_DFL", "SIG_DFL"}),
    # ``setlocale(LC_ALL, "")``: the locale the environment asks for, what every CLI's
    # ``main()`` sets at start (sphinx-apidoc, sphinx-quickstart): not a test's choice
    "locale.setlocale": frozenset({"''"}),
}
"""A setter given one of these (its last argument) puts the state back to its start;
``None`` does for the others that take it (``socket.setdefaulttimeout(None)``,
``sys.settrace(None)``, ``asyncio.set_event_loop_policy(None)``)."""
RESET_BY_NONE = frozenset(
    {
        "asyncio.set_event_loop",
        "asyncio.set_event_loop_policy",
        "socket.setdefaulttimeout",
        "sys.settrace",
        "sys.setprofile",
        "threading.settrace",
        "threading.setprofile",
    }
)

FORCE_KEYWORD = {"logging.basicConfig": "force"}
"""Setters that change nothing under pytest unless given this keyword as true."""

RESTORING_FIXTURES: dict[tuple[str, str], frozenset[str]] = {
    # plugin fixtures (provider, name) that install and restore a setter's state around
    # each test: a test that sets the same state again (``asyncio.set_event_loop(loop)``
    # with the fixture's own loop) is put back by the fixture's teardown.
    ("pytest-asyncio", "event_loop"): frozenset({"asyncio.set_event_loop"}),
    # aiohttp/pytest_plugin.py: ``with loop_context(...) as _loop: ... yield _loop``
    ("aiohttp", "loop"): frozenset({"asyncio.set_event_loop"}),
    ("aiohttp", "proactor_loop"): frozenset({"asyncio.set_event_loop"}),
}
"""Only when the name resolves to that plugin's fixture; a project's own fixture of the
same name is judged by its own teardown code."""

# -- files at fixed paths (FXL307) ---------------------------------------------------
OPEN_CALLS = frozenset({"open", "builtins.open", "io.open", "codecs.open"})
WRITING_MODES = frozenset("wax+")
CREATING_CALLS: dict[str, int] = {
    # call -> index of the argument that is the created path
    "os.makedirs": 0,
    "os.mkdir": 0,
    "shutil.copy": 1,
    "shutil.copy2": 1,
    "shutil.copyfile": 1,
    "shutil.copytree": 1,
    "shutil.move": 1,
    "os.rename": 1,
    "os.replace": 1,
    "sqlite3.connect": 0,
    "shelve.open": 0,
    "dbm.open": 0,
}
PATH_WRITING_METHODS = frozenset({"write_text", "write_bytes", "mkdir", "touch", "symlink_to", "hardlink_to"})
REMOVING_CALLS: dict[str, int] = {
    "os.remove": 0,
    "os.unlink": 0,
    "os.rmdir": 0,
    "os.removedirs": 0,
    "shutil.rmtree": 0,
    "shutil.move": 0,
    "os.rename": 0,
    "os.replace": 0,
}
PATH_REMOVING_METHODS = frozenset({"unlink", "rmdir", "rename", "replace"})
PATH_CONSTRUCTORS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath", "str", "os.fspath"})
PATH_JOINS = frozenset({"os.path.join", "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.expanduser"})
PATH_METHODS = frozenset({"joinpath", "with_name", "with_suffix", "resolve", "absolute", "expanduser"})
SHARED_DIRECTORIES = frozenset({"tempfile.gettempdir"})
"""Calls that return the same directory to every test: a fixed name under it is fixed."""
NOT_FILES = ("/dev/", "/proc/", ":memory:", "nul", "NUL")
FILE_CHECKS = frozenset(
    {
        "os.path.exists",
        "os.path.isfile",
        "os.path.isdir",
        "os.path.lexists",
        "os.path.getsize",
        "os.listdir",
        "os.stat",
        "os.scandir",
    }
)
PATH_READING_METHODS = frozenset({"exists", "is_file", "is_dir", "read_text", "read_bytes", "stat", "iterdir", "glob"})
CWD_CHANGERS = frozenset({"chdir", "as_cwd"})
"""Methods or calls that move the working directory (``monkeypatch.chdir(tmp_path)``,
``tmpdir.as_cwd()``, ``os.chdir``, ``contextlib.chdir``): relative paths then land elsewhere."""
CWD_CONTEXT_METHODS = frozenset({"isolated_filesystem"})
"""Context-manager methods whose block runs in a fresh temporary working directory that
is removed on exit: click's (and typer's) ``CliRunner().isolated_filesystem()``.
Relative paths created inside the block are the block's own."""
CWD_FIXTURES = frozenset({"pytester", "testdir"})
"""pytest's fixtures that run the test inside a fresh temporary working directory."""
