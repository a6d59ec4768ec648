"""What acquires a resource, how it is released, and whether a fixture releases it.

The table is data, registered through the ``fixture_lint_resources`` hook (the built-in
entries below, plus any plugin's) and extended per project through FXL103's options.
The analysis reads one fixture function through its shared ``BodyIndex``: it finds the
acquiring calls, follows the names they are bound to, and looks for a release: a release
call on the name (``conn.close()``), the name passed to a release function
(``shutil.rmtree(path)``), a ``with`` block or ``ExitStack`` around it, a finalizer
(``request.addfinalizer(conn.close)``), any use of the name after the ``yield``, or a
factory's list of created objects that is released in the teardown.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Union

from .bodies import BodyIndex

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True)
class Resource:
    """A call that acquires something that must be released after the test."""

    call: str
    """Qualified name of the acquiring call: ``sqlite3.connect``."""
    kind: str
    """What it is, for messages: ``database connection``."""
    release: tuple[str, ...]
    """The release statements, ``{}`` standing for the resource's name:
    ``("{}.terminate()", "{}.wait()")``; empty when there is no single right one."""
    release_imports: tuple[str, ...] = ()
    """Imports the release statements need (``import shutil``)."""
    persists: bool = False
    """It outlives the fixture even when dropped (a process, a started thread, a directory
    on disk), so holding it in a local name is enough to leak it."""
    derives: bool = False
    """Objects made from it (``conn.cursor()``, ``engine.connect()``) keep it alive."""
    needs_keyword: Optional[tuple[str, str]] = None
    """Only an acquisition with this keyword argument and literal value, e.g.
    ``("delete", "False")`` for ``NamedTemporaryFile(delete=False)``."""
    needs_start: bool = False
    """Only an acquisition that is started (``thread.start()``)."""
    awaited_release: bool = False
    """The release is a coroutine (``await session.close()``)."""


def _r(call: str, kind: str, *release: str, **extra: object) -> Resource:
    return Resource(call, kind, tuple(release), **extra)  # type: ignore[arg-type]


_DB = "database connection"
_SERVER = "server"

# The built-in table (registered by ``fixture_lint.builtin``). Sorted by module.
BUILTIN_RESOURCES: tuple[Resource, ...] = (
    _r("open", "open file", "{}.close()"),
    _r("io.open", "open file", "{}.close()"),
    _r("codecs.open", "open file", "{}.close()"),
    _r("gzip.open", "open file", "{}.close()"),
    _r("bz2.open", "open file", "{}.close()"),
    _r("lzma.open", "open file", "{}.close()"),
    _r("tarfile.open", "open archive", "{}.close()"),
    _r("zipfile.ZipFile", "open archive", "{}.close()"),
    _r("shelve.open", "open shelf", "{}.close()"),
    _r("dbm.open", "open database", "{}.close()"),
    _r("socket.socket", "socket", "{}.close()"),
    _r("socket.create_connection", "socket", "{}.close()"),
    _r("socket.create_server", "listening socket", "{}.close()"),
    _r("socket.socketpair", "socket pair"),
    _r("ssl.wrap_socket", "socket", "{}.close()"),
    _r("sqlite3.connect", _DB, "{}.close()", derives=True),
    _r("psycopg2.connect", _DB, "{}.close()", derives=True),
    _r("psycopg.connect", _DB, "{}.close()", derives=True),
    _r("psycopg.Connection.connect", _DB, "{}.close()", derives=True),
    _r("pymysql.connect", _DB, "{}.close()", derives=True),
    _r("MySQLdb.connect", _DB, "{}.close()", derives=True),
    _r("mysql.connector.connect", _DB, "{}.close()", derives=True),
    _r("cx_Oracle.connect", _DB, "{}.close()", derives=True),
    _r("oracledb.connect", _DB, "{}.close()", derives=True),
    _r("pyodbc.connect", _DB, "{}.close()", derives=True),
    _r("duckdb.connect", _DB, "{}.close()", derives=True),
    _r("redis.Redis", "Redis client", "{}.close()"),
    _r("redis.StrictRedis", "Redis client", "{}.close()"),
    _r("redis.from_url", "Redis client", "{}.close()"),
    _r("pymongo.MongoClient", "MongoDB client", "{}.close()"),
    _r("sqlalchemy.create_engine", "SQLAlchemy engine", "{}.dispose()", derives=True),
    _r("sqlalchemy.engine.create_engine", "SQLAlchemy engine", "{}.dispose()", derives=True),
    _r("sqlalchemy.ext.asyncio.create_async_engine", "SQLAlchemy engine", "{}.dispose()",
       derives=True, awaited_release=True),
    _r("subprocess.Popen", "subprocess", "{}.terminate()", "{}.wait()", persists=True),
    _r("asyncio.create_subprocess_exec", "subprocess", persists=True),
    _r("asyncio.create_subprocess_shell", "subprocess", persists=True),
    _r("tempfile.mkdtemp", "temporary directory", "shutil.rmtree({})",
       release_imports=("import shutil",), persists=True),
    _r("tempfile.mkstemp", "temporary file", persists=True),
    _r("tempfile.NamedTemporaryFile", "temporary file", "{}.close()", "os.unlink({}.name)",
       release_imports=("import os",), persists=True, needs_keyword=("delete", "False")),
    _r("tempfile.TemporaryDirectory", "temporary directory", "{}.cleanup()"),
    _r("tempfile.TemporaryFile", "temporary file", "{}.close()"),
    _r("tempfile.SpooledTemporaryFile", "temporary file", "{}.close()"),
    _r("http.server.HTTPServer", _SERVER, persists=True),
    _r("http.server.ThreadingHTTPServer", _SERVER, persists=True),
    _r("socketserver.TCPServer", _SERVER, persists=True),
    _r("socketserver.UDPServer", _SERVER, persists=True),
    _r("socketserver.ThreadingTCPServer", _SERVER, persists=True),
    _r("socketserver.ThreadingUDPServer", _SERVER, persists=True),
    _r("socketserver.ForkingTCPServer", _SERVER, persists=True),
    _r("socketserver.UnixStreamServer", _SERVER, persists=True),
    _r("xmlrpc.server.SimpleXMLRPCServer", _SERVER, persists=True),
    _r("wsgiref.simple_server.make_server", _SERVER, persists=True),
    _r("werkzeug.serving.make_server", _SERVER, persists=True),
    _r("asyncio.start_server", _SERVER, persists=True),
    _r("asyncio.start_unix_server", _SERVER, persists=True),
    _r("threading.Thread", "thread", "{}.join()", persists=True, needs_start=True),
    _r("threading.Timer", "timer thread", "{}.cancel()", persists=True, needs_start=True),
    _r("multiprocessing.Process", "process", "{}.terminate()", "{}.join()", persists=True, needs_start=True),
    _r("multiprocessing.Pool", "process pool", "{}.terminate()", "{}.join()", persists=True),
    _r("multiprocessing.pool.ThreadPool", "thread pool", "{}.terminate()", "{}.join()", persists=True),
    _r("concurrent.futures.ThreadPoolExecutor", "executor", "{}.shutdown()", persists=True),
    _r("concurrent.futures.ProcessPoolExecutor", "executor", "{}.shutdown()", persists=True),
    _r("concurrent.futures.thread.ThreadPoolExecutor", "executor", "{}.shutdown()", persists=True),
    _r("concurrent.futures.process.ProcessPoolExecutor", "executor", "{}.shutdown()", persists=True),
    _r("requests.Session", "HTTP session", "{}.close()"),
    _r("requests.session", "HTTP session", "{}.close()"),
    _r("requests.sessions.Session", "HTTP session", "{}.close()"),
    _r("httpx.Client", "HTTP client", "{}.close()"),
    _r("httpx.AsyncClient", "HTTP client", "{}.aclose()", awaited_release=True),
    _r("aiohttp.ClientSession", "HTTP client session", "{}.close()", awaited_release=True),
    _r("aiohttp.client.ClientSession", "HTTP client session", "{}.close()", awaited_release=True),
    _r("urllib3.PoolManager", "connection pool", "{}.clear()"),
    _r("smtplib.SMTP", "SMTP connection", "{}.quit()"),
    _r("ftplib.FTP", "FTP connection", "{}.quit()"),
    _r("paramiko.SSHClient", "SSH client", "{}.close()"),
    _r("selenium.webdriver.Chrome", "browser", "{}.quit()", persists=True),
    _r("selenium.webdriver.Firefox", "browser", "{}.quit()", persists=True),
)

# Method names (or parts of them) that release what they are called on; generous on
# purpose: any of them on the resource's name counts as teardown.
RELEASE_WORDS = (
    "close", "stop", "shutdown", "kill", "terminate", "join", "dispose", "cleanup",
    "clean_up", "release", "disconnect", "quit", "wait", "communicate", "unlink",
    "remove", "delete", "rmtree", "rmdir", "exit", "destroy", "cancel", "teardown",
    "tear_down", "finish", "clear", "drop", "free", "unbind", "aclose",
)
# Calls that hand a value to something that releases it at exit.
MANAGING_CALLS = frozenset(
    {
        "enter_context", "enter_async_context", "push", "push_async_exit", "callback",
        "push_async_callback", "closing", "aclosing", "addfinalizer", "addCleanup",
        "addAsyncCleanup", "enterContext", "register", "finalize",
    }
)
# Wrappers whose result is the awaited or run value of their argument.
_TRANSPARENT_CALLS = frozenset({"run_until_complete", "run", "wait_for", "ensure_future", "create_task"})
_CONTAINER_METHODS = frozenset({"append", "add", "extend", "insert", "appendleft", "put", "setdefault"})


def is_release_name(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in RELEASE_WORDS)


def resource_from_spec(spec: str) -> Optional[Resource]:
    """A project's resource from an option string: ``"mylib.connect"`` or
    ``"mylib.connect:close"`` (release method after the colon)."""
    call, _, release = spec.partition(":")
    call = call.strip()
    if not call:
        return None
    releases = tuple(f"{{}}.{method.strip()}()" for method in release.split("+") if method.strip())
    return Resource(call, "resource", releases)


@dataclass
class Leak:
    """An acquisition a fixture never releases."""

    call: ast.Call
    resource: Resource
    holder: Optional[str]
    """The local name it was bound to, if any."""
    how: str
    """``returned`` | ``yielded`` | ``derived`` | ``stored`` | ``dropped``, or ``factory``
    (a function the fixture hands out returns it)."""


class ResourceTable:
    """The registered resources, by qualified name of the acquiring call."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self._by_call: dict[str, Resource] = {}
        for resource in resources:
            self._by_call[resource.call] = resource

    def __len__(self) -> int:
        return len(self._by_call)

    def match(self, call: ast.Call, body: BodyIndex) -> Optional[Resource]:
        """The resource ``call`` acquires, if it is one of the table's."""
        qualified = body.qualified_name(call.func)
        if qualified is None and isinstance(call.func, ast.Name) and call.func.id == "open":
            qualified = "open"  # the builtin, unless a module-level name shadows it
        if qualified is None:
            return None
        resource = self._by_call.get(qualified)
        if resource is None:
            return None
        if resource.needs_keyword is not None and not _keyword_matches(call, resource.needs_keyword):
            return None
        return resource


def find_leaks(function: FunctionNode, body: BodyIndex, table: ResourceTable) -> list[Leak]:
    """The acquisitions in a fixture function that no teardown releases."""
    acquired = []
    for call in body.of(ast.Call):
        resource = table.match(call, body)
        if resource is not None:
            acquired.append((call, resource))
    if not acquired:
        return []
    return _FixtureFlow(function, body).leaks(sorted(acquired, key=lambda item: _position(item[0])))


def _position(node: ast.AST) -> tuple[int, int]:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


# -- the flow of values through one fixture ----------------------------------------------
_ANY = Resource("", "", ())
_TEARDOWN_CALLS = frozenset({"addfinalizer", "addCleanup", "addAsyncCleanup", "callback", "push_async_callback"})
_TEARDOWN_QUALIFIED = frozenset({"atexit.register", "weakref.finalize"})


class _FixtureFlow:
    """Where the values of one fixture function go: bindings, releases, the yield."""

    def __init__(self, function: FunctionNode, body: BodyIndex) -> None:
        self.function = function
        self.body = body
        nested: set[int] = set()
        # The def a nested node belongs to (the outermost one inside the fixture).
        self.owner_def: dict[int, str] = {}
        inners: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda] = [
            *body.of(ast.FunctionDef), *body.of(ast.AsyncFunctionDef), *body.of(ast.Lambda)
        ]
        for inner in inners:
            if inner is not function:
                for node in ast.walk(inner):
                    if node is not inner:
                        nested.add(id(node))
                        if isinstance(node, ast.Return) and not isinstance(inner, ast.Lambda):
                            self.owner_def.setdefault(id(node), inner.name)
        self.nested = nested
        yields_and_froms: list[ast.Yield | ast.YieldFrom] = [*body.of(ast.Yield), *body.of(ast.YieldFrom)]
        own_yields = [y for y in yields_and_froms if id(y) not in nested]
        self.yields = [y for y in own_yields if isinstance(y, ast.Yield)]
        self.is_generator = bool(own_yields)
        self.yield_end = max((y.end_lineno or y.lineno for y in own_yields), default=None)
        self.bindings: list[tuple[list[str], ast.expr]] = []
        for assign in body.of(ast.Assign):
            self.bindings.append(([n for t in assign.targets for n in _target_names(t)], assign.value))
        for ann in body.of(ast.AnnAssign):
            if ann.value is not None:
                self.bindings.append((_target_names(ann.target), ann.value))
        for walrus in body.of(ast.NamedExpr):
            self.bindings.append((_target_names(walrus.target), walrus.value))
        for with_node in body.of(ast.With) + body.of(ast.AsyncWith):
            for item in with_node.items:
                if item.optional_vars is not None:
                    self.bindings.append((_target_names(item.optional_vars), item.context_expr))
        self.bindings.sort(key=lambda item: _position(item[1]))
        self.managed: set[int] = set()
        self.released: set[str] = set()
        self.passed: set[str] = set()
        self.containers: dict[str, set[str]] = {}
        self.stored_values: list[ast.expr] = []
        self.has_teardown = False
        for with_node in body.of(ast.With) + body.of(ast.AsyncWith):
            for item in with_node.items:
                self._manage(item.context_expr)
        for call in body.of(ast.Call):
            self._read_call(call)
        for assign in body.of(ast.Assign):
            for target in assign.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    self.containers.setdefault(target.value.id, set()).update(_names_in(assign.value))
                elif isinstance(target, (ast.Attribute, ast.Subscript)):
                    self.stored_values.append(assign.value)
        for attribute in body.of(ast.Attribute):
            # ``request.addfinalizer(conn.close)``, ``stack.callback(proc.kill)``
            if isinstance(attribute.value, ast.Name) and is_release_name(attribute.attr):
                self.released.add(attribute.value.id)
        for loop in body.of(ast.For) + body.of(ast.AsyncFor):
            # ``for conn in created: conn.close()`` releases what ``created`` holds
            targets = set(_target_names(loop.target))
            if any(
                isinstance(node, ast.Call) and _releases_any(node, targets)
                for stmt in loop.body
                for node in ast.walk(stmt)
            ):
                self.released.update(_names_in(loop.iter))
        if self.yield_end is not None:
            # Code after the yield that names anything is a teardown; a name it uses
            # is taken as released (``yield conn`` ... ``cleanup(conn)``).
            after = [n for n in body.of(ast.Name) if n.lineno > self.yield_end and id(n) not in nested]
            self.has_teardown = self.has_teardown or bool(after)
            self.released.update(n.id for n in after)

    def _manage(self, expr: ast.expr) -> None:
        for node in ast.walk(expr):
            if isinstance(node, ast.Call):
                self.managed.add(id(node))
            elif isinstance(node, ast.Name):
                self.released.add(node.id)

    def _read_call(self, call: ast.Call) -> None:
        name = _call_name(call)
        func = call.func
        if name in _TEARDOWN_CALLS or self.body.qualified_name(func) in _TEARDOWN_QUALIFIED:
            self.has_teardown = True
        if name in MANAGING_CALLS:
            for arg in list(call.args) + [kw.value for kw in call.keywords]:
                self._manage(arg)
            return
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if is_release_name(func.attr):
                self.released.add(func.value.id)
                return
            if func.attr in _CONTAINER_METHODS:
                items = self.containers.setdefault(func.value.id, set())
                for arg in call.args:
                    items.update(_names_in(arg))
                return
        if name is not None and is_release_name(name):
            # ``shutil.rmtree(path)``, ``os.close(fd)``, ``kill_process(proc)``
            for arg in call.args:
                if isinstance(arg, ast.Name):
                    self.released.add(arg.id)
                elif isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
                    self.released.add(arg.value.id)
            return
        for arg in list(call.args) + [kw.value for kw in call.keywords]:
            if isinstance(arg, ast.Name):
                self.passed.add(arg.id)

    # -- the verdict ----------------------------------------------------------------
    def leaks(self, acquired: list[tuple[ast.Call, Resource]]) -> list[Leak]:
        found = []
        for call, resource in acquired:
            if id(call) in self.managed:
                continue
            leak = self._judge(call, resource)
            if leak is not None:
                found.append(leak)
        return found

    def _holders(self, call: ast.Call) -> Optional[list[str]]:
        for names, value in self.bindings:
            if _unwrap(value) is call:
                return names
        return None

    def _is_started(self, call: ast.Call, holders: Optional[list[str]]) -> bool:
        for other in self.body.of(ast.Call):
            func = other.func
            if isinstance(func, ast.Attribute) and func.attr == "start":
                if func.value is call:
                    return True
                if holders and isinstance(func.value, ast.Name) and func.value.id in holders:
                    return True
        return False

    def _judge(self, call: ast.Call, resource: Resource) -> Optional[Leak]:
        holders = self._holders(call)
        if resource.needs_start and not self._is_started(call, holders):
            return None
        if holders is None:
            escape = self._escape(lambda node: node is call, resource)
            if escape is None:
                if resource.persists and not self.has_teardown and self._dropped(call):
                    return Leak(call, resource, None, "dropped")
                return None
            how, _, derived = escape
            if how == "yielded" and self.has_teardown:
                return None
            return Leak(call, resource, None, "derived" if derived and how != "factory" else how)
        if not holders:
            return None
        names = set(holders)
        if self._released(names):
            return None
        # Follow the value through assignments: aliases and containers carry it as is,
        # ``conn.cursor()`` (for resources that derive) carries something made from it.
        direct: set[str] = set(names)
        made: set[str] = set()
        for targets, value in self.bindings:
            if not targets or set(targets) <= direct | made:
                continue
            carried = _carries(value, lambda n: _named(n, direct | made), resource)
            if carried is not None:
                node, derived = carried
                if derived or _named(node, made):
                    made.update(targets)
                else:
                    direct.update(targets)
        escape = self._escape(lambda n: _named(n, direct | made), resource)
        if escape is not None:
            how, node, derived = escape
            holder = node.id if isinstance(node, ast.Name) and node.id in names else holders[0]
            if (derived or _named(node, made)) and how != "factory":
                how = "derived"
            return Leak(call, resource, holder, how)
        if resource.persists and not self.has_teardown:
            return Leak(call, resource, holders[0], "dropped")
        return None

    def _hands_out(self, name: str) -> bool:
        """Whether the fixture returns or yields its nested function ``name`` (a factory),
        rather than calling it as a local helper."""
        match = lambda node: _named(node, {name})  # noqa: E731
        values = [r.value for r in self.body.of(ast.Return) if id(r) not in self.nested]
        values += [y.value for y in self.yields]
        return any(v is not None and _carries(v, match, _ANY) is not None for v in values)

    def _released(self, names: set[str]) -> bool:
        if names & self.released:
            return True
        for container, items in self.containers.items():
            if names & items and (self.has_teardown or container in self.released):
                return True
        return self.has_teardown and bool(names & self.passed)

    def _dropped(self, call: ast.Call) -> bool:
        return any(_unwrap(stmt.value) is call for stmt in self.body.of(ast.Expr))

    def _escape(self, match: Callable[[ast.AST], bool], resource: Resource) -> Optional[tuple[str, ast.AST, bool]]:
        """How a value leaves the fixture: ``returned`` (``factory`` when a function the
        fixture hands out returns it), ``yielded``, or ``stored`` on an object; with the
        node that matched and whether what leaves is only made from it."""
        for ret in self.body.of(ast.Return):
            carried = _carries(ret.value, match, resource) if ret.value is not None else None
            if carried is None:
                continue
            if id(ret) not in self.nested:
                return "returned", carried[0], carried[1]
            factory = self.owner_def.get(id(ret))
            if factory is not None and self._hands_out(factory):
                return "factory", carried[0], carried[1]
        for node in self.yields:
            carried = _carries(node.value, match, resource) if node.value is not None else None
            if carried is not None:
                return "yielded", carried[0], carried[1]
        for value in self.stored_values:
            carried = _carries(value, match, resource)
            if carried is not None:
                return "stored", carried[0], carried[1]
        return None


def _named(node: ast.AST, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _unwrap(node: Optional[ast.expr]) -> Optional[ast.expr]:
    """``await x``, ``loop.run_until_complete(x)``, ``asyncio.wait_for(x, t)`` -> ``x``."""
    while node is not None:
        if isinstance(node, ast.Await):
            node = node.value
        elif isinstance(node, ast.Call) and node.args and _call_name(node) in _TRANSPARENT_CALLS:
            node = node.args[0]
        else:
            return node
    return node


def _call_name(call: ast.Call) -> Optional[str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _names_in(node: ast.AST) -> set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for elt in target.elts for name in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _keyword_matches(call: ast.Call, keyword: tuple[str, str]) -> bool:
    name, literal = keyword
    for kw in call.keywords:
        if kw.arg == name:
            return isinstance(kw.value, ast.Constant) and repr(kw.value.value) == literal
    return False


def _releases_any(call: ast.Call, names: set[str]) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        if func.value.id in names and is_release_name(func.attr):
            return True
    name = _call_name(call)
    if name is not None and is_release_name(name):
        return any(isinstance(arg, ast.Name) and arg.id in names for arg in call.args)
    return False


def _carries(
    value: ast.AST, match: Callable[[ast.AST], bool], resource: Resource, derived: bool = False
) -> Optional[tuple[ast.AST, bool]]:
    """The matched node ``value`` holds, and whether it holds only something made from it.

    Containers, constructor calls (``Wrapper(conn)``) and keyword arguments carry the
    value as is; for resources that derive, an attribute or method call on it
    (``conn.cursor()``) carries something made from it. An ordinary function call
    (``json.load(f)``) or a method call on a file (``f.read()``) returns something else.
    """
    if isinstance(value, ast.expr):
        value = _unwrap(value) or value
    if match(value):
        return value, derived
    children: list[ast.expr] = []
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        children = list(value.elts)
    elif isinstance(value, ast.Dict):
        children = [v for v in value.values if v is not None]
    elif isinstance(value, ast.Starred):
        children = [value.value]
    elif isinstance(value, ast.IfExp):
        children = [value.body, value.orelse]
    elif isinstance(value, ast.Attribute):
        return _carries(value.value, match, resource, True) if resource.derives else None
    elif isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Attribute) and resource.derives:
            found = _carries(func.value, match, resource, True)
            if found is not None:
                return found
        callee = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if callee[:1].isupper():
            children = list(value.args) + [kw.value for kw in value.keywords]
    for child in children:
        found = _carries(child, match, resource, derived)
        if found is not None:
            return found
    return None
