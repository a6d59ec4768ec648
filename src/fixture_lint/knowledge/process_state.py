"""Process state: the process-wide containers and setters tests write (the environment,
the working directory, ``sys.path``, ``sys.modules``), the methods that mutate or
remove, what pytest itself restores, and the words a cheap pre-scan looks for."""
from __future__ import annotations


ENVIRON = "os.environ"
SYS_PATH = "sys.path"
SYS_MODULES = "sys.modules"
CWD = "cwd"
ATTRIBUTE = "attribute"
GLOBAL = "global"

CONTAINERS = {"os.environ": ENVIRON, "sys.path": SYS_PATH, "sys.modules": SYS_MODULES}
MAPPING_METHODS = frozenset({"update", "pop", "setdefault", "clear", "popitem", "__setitem__", "__delitem__"})
MUTATING_METHODS = {
    ENVIRON: MAPPING_METHODS,
    SYS_MODULES: MAPPING_METHODS,
    SYS_PATH: frozenset(
        {"append", "insert", "extend", "remove", "pop", "clear", "sort", "reverse", "__setitem__", "__delitem__", "__iadd__"}
    ),
}
REMOVING_METHODS = frozenset({"pop", "popitem", "remove", "clear", "__delitem__"})
PROCESS_CALLS = {"os.putenv": ENVIRON, "os.unsetenv": ENVIRON, "os.chdir": CWD, "os.fchdir": CWD}
CWD_READS = frozenset({"os.getcwd", "os.getcwdb", "pathlib.Path.cwd", "os.path.abspath", "os.path.realpath"})
FINALIZER_METHODS = frozenset({"addfinalizer", "addCleanup", "addClassCleanup", "callback", "push", "push_async_callback"})
MONKEYPATCH_METHODS = frozenset({"setenv", "delenv", "setattr", "delattr", "setitem", "delitem", "syspath_prepend", "chdir"})
# Not state that outlives a test: pytest's capture puts the standard streams back after
# every test, and these proxies write to the current request/app context (bottle's
# ``request``/``response`` are thread-local: ``bind()`` starts them afresh per request).
RESET_BY_PYTEST = frozenset({"sys.stdout", "sys.stderr", "sys.stdin"})
CONTEXT_LOCALS = frozenset(
    {
        "flask.g",
        "flask.session",
        "flask.request",
        "flask.current_app",
        "flask.globals.g",
        "flask.globals.session",
        "flask.globals.request",
        "flask.globals.current_app",
        "quart.g",
        "quart.session",
        "quart.request",
        "quart.current_app",
        "bottle.request",
        "bottle.response",
        "bottle.local",
    }
)
RESTORING_FIXTURES = {
    # pytester/testdir snapshot and restore the working directory, sys.path and
    # sys.modules around each test (CwdSnapshot, SysPathsSnapshot, SysModulesSnapshot).
    "pytester": (CWD, SYS_PATH, SYS_MODULES),
    "testdir": (CWD, SYS_PATH, SYS_MODULES),
    "_sys_snapshot": (SYS_PATH, SYS_MODULES),
}
RESTORING_CALLS = frozenset({"restore", "undo", "rollback"})
IN_PLACE_METHODS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "add", "discard", "sort", "reverse"}
)
WRITING_CALLS = (
    frozenset().union(*MUTATING_METHODS.values())
    | IN_PLACE_METHODS
    | {name.rsplit(".", 1)[1] for name in PROCESS_CALLS}
    | {"setattr", "delattr"}
)
# A cheap pre-scan that rules out most functions before their walk: a write of process
# state needs an assignment or ``del`` whose target is an attribute or an item, a
# ``global`` statement, or a call near one of these words (or a local alias of them).
STATE_WORDS = ("environ", "sys", "putenv", "unsetenv", "chdir", "setattr", "delattr")
STATE_ROOTS = ("os.environ", "os.putenv", "os.unsetenv", "os.chdir", "os.fchdir", "sys")
