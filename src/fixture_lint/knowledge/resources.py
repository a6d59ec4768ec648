"""Resources: the calls that acquire something a test must release, how each is
released, and the names that release or manage a value. Registered through the
``fixture_lint_resources`` hook (these built-ins, plus any plugin's)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


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
    memory_args: tuple[str, ...] = ()
    """Arguments (a position such as ``"0"``, or a keyword) that, given an in-memory value
    (``":memory:"``, an ``io.BytesIO``/``io.StringIO`` buffer), make the object hold nothing
    but memory: ``sqlite3.connect(":memory:")``, ``zipfile.ZipFile(io.BytesIO(data))``."""
    memory_unless: tuple[str, ...] = ()
    """In memory unless one of these arguments is given a real value: ``duckdb.connect()``
    (in-memory without a database), ``SpooledTemporaryFile()`` (no ``max_size``: never
    rolls over to a file)."""
    memory_given: tuple[str, ...] = ()
    """Arguments that, given any value, make the object hold nothing but memory: an
    application served in-process (``httpx.Client(app=wsgi_app)``)."""
    lazy_sends: tuple[str, ...] = ()
    """A connection pool that opens a connection only when a request goes through it:
    the methods that send one (``get``, ``send``...). A pool none of them is called on
    (built to check its settings: ``build_request``, ``mount``, a property setter) and
    that is handed to nothing holds no OS resource."""
    borrows: tuple[str, ...] = ()
    """Arguments that hand it a file object it does not own (``tarfile.open(fileobj=f)``):
    closing it does not close the file, whose own acquisition is what must be released."""
    preview: bool = False
    """Known only in preview: an entry not yet measured on the ecosystem suites."""
    certain_release: bool = True
    """The release always ends it, so the fix may add it. Not for a thread (``join()``
    waits for a loop that something else must stop) or an executor (``shutdown()`` waits
    for its running tasks): the fix would hang a teardown."""


def _r(call: str, kind: str, *release: str, **extra: object) -> Resource:
    return Resource(call, kind, tuple(release), **extra)  # type: ignore[arg-type]


_DB = "database connection"
# What sends a request through a connection pool (and so may leave a connection in it).
_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
_REQUESTS_SENDS = _HTTP_VERBS + ("send", "resolve_redirects")
_HTTPX_SENDS = _HTTP_VERBS + ("send", "stream")
# httpx routes requests to ``transport=`` (an in-memory one: ``MockTransport``, the
# WSGI/ASGI transports, which call the application), or to ``app=`` in-process.
_HTTPX_MEMORY = {"memory_args": ("transport",), "memory_given": ("app",), "lazy_sends": _HTTPX_SENDS}
_SERVER = "server"

# The built-in table (registered by ``fixture_lint.builtin``). Sorted by module.
BUILTIN_RESOURCES: tuple[Resource, ...] = (
    _r("open", "open file", "{}.close()"),
    _r("io.open", "open file", "{}.close()"),
    _r("codecs.open", "open file", "{}.close()"),
    _r("gzip.open", "open file", "{}.close()", memory_args=("0", "filename")),
    _r("bz2.open", "open file", "{}.close()", memory_args=("0", "filename")),
    _r("lzma.open", "open file", "{}.close()", memory_args=("0", "filename")),
    _r("tarfile.open", "open archive", "{}.close()", borrows=("2", "fileobj")),
    _r("zipfile.ZipFile", "open archive", "{}.close()", memory_args=("0", "file")),
    _r("shelve.open", "open shelf", "{}.close()"),
    _r("dbm.open", "open database", "{}.close()"),
    _r("socket.socket", "socket", "{}.close()"),
    _r("socket.create_connection", "socket", "{}.close()"),
    _r("socket.create_server", "listening socket", "{}.close()"),
    _r("socket.socketpair", "socket pair"),
    _r("ssl.wrap_socket", "socket", "{}.close()"),
    # ``sqlite3.connect(":memory:")`` counts too: since Python 3.13 an unclosed connection
    # warns (ResourceWarning) when collected, in whichever test runs then. aiosqlite runs
    # a thread per connection, in memory or not.
    _r("sqlite3.connect", _DB, "{}.close()", derives=True),
    _r("aiosqlite.connect", _DB, "{}.close()", derives=True, awaited_release=True),
    _r("psycopg2.connect", _DB, "{}.close()", derives=True),
    _r("psycopg.connect", _DB, "{}.close()", derives=True),
    _r("psycopg.Connection.connect", _DB, "{}.close()", derives=True),
    _r("psycopg.AsyncConnection.connect", _DB, "{}.close()", derives=True, awaited_release=True),
    _r("psycopg_pool.ConnectionPool", "connection pool", "{}.close()"),
    _r("psycopg2.pool.SimpleConnectionPool", "connection pool", "{}.closeall()"),
    _r("psycopg2.pool.ThreadedConnectionPool", "connection pool", "{}.closeall()"),
    _r("asyncpg.connect", _DB, "{}.close()", awaited_release=True),
    _r("asyncpg.create_pool", "connection pool", "{}.close()", awaited_release=True),
    _r("pymysql.connect", _DB, "{}.close()", derives=True),
    _r("MySQLdb.connect", _DB, "{}.close()", derives=True),
    _r("mysql.connector.connect", _DB, "{}.close()", derives=True),
    _r("cx_Oracle.connect", _DB, "{}.close()", derives=True),
    _r("oracledb.connect", _DB, "{}.close()", derives=True),
    _r("pyodbc.connect", _DB, "{}.close()", derives=True),
    _r("duckdb.connect", _DB, "{}.close()", derives=True, memory_args=("0", "database"), memory_unless=("0", "database")),
    _r("aiomysql.connect", _DB, "{}.close()"),
    _r("snowflake.connector.connect", _DB, "{}.close()", derives=True),
    _r("clickhouse_driver.Client", "ClickHouse client", "{}.disconnect()"),
    _r("cassandra.cluster.Cluster", "Cassandra cluster", "{}.shutdown()"),
    _r("redis.Redis", "Redis client", "{}.close()"),
    _r("redis.StrictRedis", "Redis client", "{}.close()"),
    _r("redis.from_url", "Redis client", "{}.close()"),
    _r("redis.Redis.from_url", "Redis client", "{}.close()"),
    _r("redis.ConnectionPool", "Redis connection pool", "{}.disconnect()"),
    _r("redis.asyncio.Redis", "Redis client", "{}.aclose()", awaited_release=True),
    _r("redis.asyncio.from_url", "Redis client", "{}.aclose()", awaited_release=True),
    _r("redis.asyncio.Redis.from_url", "Redis client", "{}.aclose()", awaited_release=True),
    _r("pymongo.MongoClient", "MongoDB client", "{}.close()"),
    _r("pymongo.mongo_client.MongoClient", "MongoDB client", "{}.close()"),
    _r("motor.motor_asyncio.AsyncIOMotorClient", "MongoDB client", "{}.close()"),
    _r("elasticsearch.Elasticsearch", "Elasticsearch client", "{}.close()"),
    _r("elasticsearch.AsyncElasticsearch", "Elasticsearch client", "{}.close()", awaited_release=True),
    _r("pika.BlockingConnection", "AMQP connection", "{}.close()"),
    _r("kafka.KafkaProducer", "Kafka client", "{}.close()"),
    _r("kafka.KafkaConsumer", "Kafka client", "{}.close()"),
    _r("pymemcache.client.base.Client", "memcached client", "{}.close()"),
    _r("ldap3.Connection", "LDAP connection", "{}.unbind()"),
    _r("docker.from_env", "Docker client", "{}.close()"),
    _r("docker.DockerClient", "Docker client", "{}.close()"),
    _r("grpc.insecure_channel", "gRPC channel", "{}.close()"),
    _r("grpc.secure_channel", "gRPC channel", "{}.close()"),
    _r("grpc.aio.insecure_channel", "gRPC channel", "{}.close()", awaited_release=True),
    _r("zmq.Context", "ZeroMQ context", "{}.term()"),
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
    _r("tempfile.SpooledTemporaryFile", "temporary file", "{}.close()", memory_unless=("0", "max_size")),
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
    _r("threading.Thread", "thread", "{}.join()", persists=True, needs_start=True, certain_release=False),
    _r("threading.Timer", "timer thread", "{}.cancel()", persists=True, needs_start=True),
    _r("multiprocessing.Process", "process", "{}.terminate()", "{}.join()", persists=True, needs_start=True),
    _r("multiprocessing.Pool", "process pool", "{}.terminate()", "{}.join()", persists=True),
    _r("multiprocessing.pool.ThreadPool", "thread pool", "{}.terminate()", "{}.join()", persists=True),
    _r("concurrent.futures.ThreadPoolExecutor", "executor", "{}.shutdown()", persists=True, certain_release=False),
    _r("concurrent.futures.ProcessPoolExecutor", "executor", "{}.shutdown()", persists=True, certain_release=False),
    _r("concurrent.futures.thread.ThreadPoolExecutor", "executor", "{}.shutdown()", persists=True, certain_release=False),
    _r("concurrent.futures.process.ProcessPoolExecutor", "executor", "{}.shutdown()", persists=True, certain_release=False),
    _r("multiprocessing.Manager", "manager process", "{}.shutdown()", persists=True),
    _r("asyncio.new_event_loop", "event loop", "{}.close()"),
    # Connection pools: sockets are opened by the requests sent through them. An aiohttp
    # ``ClientSession`` is not one: unclosed, it warns when collected, used or not.
    _r("requests.Session", "HTTP session", "{}.close()", lazy_sends=_REQUESTS_SENDS),
    _r("requests.session", "HTTP session", "{}.close()", lazy_sends=_REQUESTS_SENDS),
    _r("requests.sessions.Session", "HTTP session", "{}.close()", lazy_sends=_REQUESTS_SENDS),
    _r("httpx.Client", "HTTP client", "{}.close()", **_HTTPX_MEMORY),
    _r("httpx.AsyncClient", "HTTP client", "{}.aclose()", awaited_release=True, **_HTTPX_MEMORY),
    _r("aiohttp.ClientSession", "HTTP client session", "{}.close()", awaited_release=True),
    _r("aiohttp.client.ClientSession", "HTTP client session", "{}.close()", awaited_release=True),
    _r("urllib3.PoolManager", "connection pool", "{}.clear()", lazy_sends=(
        "request", "urlopen", "request_encode_url", "request_encode_body", "connection_from_url",
        "connection_from_host", "connection_from_context", "connection_from_pool_key")),
    _r("aiohttp.TCPConnector", "connection pool", "{}.close()", awaited_release=True, lazy_sends=(
        "connect", "_create_connection", "_create_direct_connection", "_create_proxy_connection")),
    _r("http.client.HTTPConnection", "HTTP connection", "{}.close()", lazy_sends=(
        "connect", "request", "putrequest", "endheaders", "send")),
    _r("http.client.HTTPSConnection", "HTTP connection", "{}.close()", lazy_sends=(
        "connect", "request", "putrequest", "endheaders", "send")),
    _r("websocket.create_connection", "WebSocket", "{}.close()"),
    _r("smtplib.SMTP", "SMTP connection", "{}.quit()"),
    _r("smtplib.SMTP_SSL", "SMTP connection", "{}.quit()"),
    _r("imaplib.IMAP4", "IMAP connection", "{}.logout()"),
    _r("imaplib.IMAP4_SSL", "IMAP connection", "{}.logout()"),
    _r("ftplib.FTP", "FTP connection", "{}.quit()"),
    _r("telnetlib.Telnet", "Telnet connection", "{}.close()"),
    _r("paramiko.SSHClient", "SSH client", "{}.close()"),
    _r("selenium.webdriver.Chrome", "browser", "{}.quit()", persists=True),
    _r("selenium.webdriver.Firefox", "browser", "{}.quit()", persists=True),
    _r("selenium.webdriver.Edge", "browser", "{}.quit()", persists=True),
    _r("selenium.webdriver.Remote", "browser", "{}.quit()", persists=True),
    # Not yet measured: preview only (a default rule's findings do not change with them).
    _r("sqlite3.Connection", _DB, "{}.close()", derives=True, preview=True),
    _r("aiopg.connect", _DB, "{}.close()", preview=True),
    _r("aiomysql.create_pool", "connection pool", "{}.close()", preview=True),
    _r("pymssql.connect", _DB, "{}.close()", derives=True, preview=True),
    _r("redis.asyncio.StrictRedis", "Redis client", "{}.aclose()", awaited_release=True, preview=True),
    _r("pymongo.AsyncMongoClient", "MongoDB client", "{}.close()", awaited_release=True, preview=True),
    _r("clickhouse_connect.get_client", "ClickHouse client", "{}.close()", preview=True),
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
TRANSPARENT_CALLS = frozenset({"run_until_complete", "run", "wait_for", "ensure_future", "create_task"})
# Objects that live in memory only: a file-like buffer, or an HTTP transport that hands
# each request to a function or an in-process application (no socket exists). A class
# of the module under analysis that derives from one is one too.
MEMORY_OBJECTS = frozenset(
    {
        "io.BytesIO", "io.StringIO", "_io.BytesIO", "_io.StringIO",
        "httpx.MockTransport", "httpx.WSGITransport", "httpx.ASGITransport",
    }
)
# ``while thread.is_alive(): ...``: a loop that runs until the value has ended waits for it.
WAIT_WHILE_CALLS = frozenset({"is_alive"})
# A test that expects a ``ResourceWarning`` (``pytest.warns(ResourceWarning)``) and deletes
# what it opened leaves it unclosed on purpose: the warning is what it checks.
WARNS_CALLS = frozenset({"pytest.warns", "_pytest.recwarn.warns"})
RESOURCE_WARNINGS = frozenset({"ResourceWarning", "builtins.ResourceWarning"})
CONTAINER_METHODS = frozenset({"append", "add", "extend", "insert", "appendleft", "put", "setdefault"})
