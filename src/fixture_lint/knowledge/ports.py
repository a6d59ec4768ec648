"""Ports: the calls that bind or serve a port (and their defaults), and how command lines
name a port. Registered through the ``fixture_lint_port_binders`` hook."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class PortBinder:
    """A call that binds a port; ``name`` is qualified, or ``.method`` for a method call
    on any object, or a bare function name (``aiohttp_server``, a fixture's callable)."""

    name: str
    address_arg: Optional[int] = None
    """Positional index of a ``(host, port)`` tuple."""
    address_keyword: Optional[str] = None
    port_arg: Optional[int] = None
    """Positional index of the port itself."""
    port_keyword: Optional[str] = "port"
    string_arg: Optional[int] = None
    """Positional index of a ``"host:port"`` / ``"tcp://*:port"`` string."""
    min_port: int = 1
    """Positional ports below this are something else (``sock.listen(5)`` is a backlog)."""
    accepts_zero: bool = True
    """The API binds an ephemeral port when given 0."""
    default_port: Optional[int] = None
    """The port it serves when given none (``uvicorn.run(app)`` binds 8000)."""
    elsewhere: tuple[str, ...] = ()
    """Keywords that make it serve somewhere else than a default TCP port (``uds=``, ``sock=``)."""
    any_module: bool = False
    """Matched by the last part of its name, whatever module it comes from (the project's
    own ``start_server(port=8080)``): only its ``port=`` keyword counts, and only in preview."""
    preview: bool = False
    """Known only in preview: an entry not yet measured on the ecosystem suites."""


def _server(name: str, keyword: str = "server_address") -> PortBinder:
    return PortBinder(name, address_arg=0, address_keyword=keyword, port_keyword=None)


BUILTIN_PORT_BINDERS: tuple[PortBinder, ...] = (
    PortBinder(".bind", address_arg=0, port_keyword=None, string_arg=0),
    PortBinder("socket.create_server", address_arg=0, address_keyword="address", port_keyword=None),
    _server("socketserver.TCPServer"),
    _server("socketserver.UDPServer"),
    _server("socketserver.ThreadingTCPServer"),
    _server("socketserver.ThreadingUDPServer"),
    _server("socketserver.ForkingTCPServer"),
    _server("socketserver.ForkingUDPServer"),
    _server("http.server.HTTPServer"),
    _server("http.server.ThreadingHTTPServer"),
    _server("xmlrpc.server.SimpleXMLRPCServer", "addr"),
    _server("xmlrpc.server.DocXMLRPCServer", "addr"),
    _server("multiprocessing.connection.Listener", "address"),
    _server("multiprocessing.managers.BaseManager", "address"),
    _server("smtpd.SMTPServer", "localaddr"),
    _server("gevent.pywsgi.WSGIServer", "listener"),
    _server("gevent.server.StreamServer", "listener"),
    PortBinder("wsgiref.simple_server.make_server", port_arg=1),
    PortBinder("werkzeug.serving.make_server", port_arg=1),
    PortBinder("werkzeug.serving.run_simple", port_arg=1),
    PortBinder("werkzeug.run_simple", port_arg=1),
    PortBinder("asyncio.start_server", port_arg=2),
    PortBinder(".create_server", port_arg=2),
    PortBinder(".create_datagram_endpoint", address_keyword="local_addr", port_keyword=None),
    PortBinder("aiohttp.web.TCPSite", port_arg=2),
    PortBinder("aiohttp.web_runner.TCPSite", port_arg=2),
    # ``web.run_app(app)`` serves 8080 by default, but the suites that call it bare patch
    # the loop (aiohttp's own): no default port for it.
    PortBinder("aiohttp.web.run_app"),
    PortBinder("aiohttp.test_utils.TestServer"),
    PortBinder("aiohttp.test_utils.RawTestServer"),
    PortBinder("aiohttp_server"),
    PortBinder("aiohttp_raw_server"),
    PortBinder("uvicorn.run", default_port=8000, elsewhere=("uds", "fd")),
    # ``uvicorn.Config(app)`` then ``Server(config).run()`` serves 8000 too
    PortBinder("uvicorn.Config", default_port=8000, elsewhere=("uds", "fd")),
    PortBinder("hypercorn.asyncio.serve"),
    PortBinder(".run"),  # Flask/Sanic/Quart ``app.run(port=5000)``: the keyword only
    PortBinder(".listen", port_arg=0, min_port=1024),  # tornado; ``sock.listen(5)`` is a backlog
    PortBinder(".add_insecure_port", string_arg=0, port_keyword=None),  # grpc
    PortBinder(".add_secure_port", string_arg=0, port_keyword=None),
    PortBinder("pytest_httpserver.HTTPServer", port_arg=1),
    PortBinder("aiosmtpd.controller.Controller", default_port=8025),
    # Not yet measured: preview only (the default rule's findings do not change with them).
    PortBinder("moto.server.ThreadedMotoServer", port_arg=1, default_port=5000, preview=True),
    PortBinder("moto.moto_server.threaded_moto_server.ThreadedMotoServer", port_arg=1, default_port=5000, preview=True),
    # Server starters of the project (or of an unknown library), by name: preview only.
    PortBinder("start_server", any_module=True),
    PortBinder("run_server", any_module=True),
    PortBinder("serve", any_module=True),
)

# Calls whose first argument is an argv list or a shell command line.
SUBPROCESS_CALLS = frozenset(
    {
        "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
        "subprocess.check_output", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
        "os.system", "os.popen", "pexpect.spawn",
    }
)
PORT_OPTIONS = re.compile(r"^--(?:[a-z]+-)*port$")
ADDRESS_OPTIONS = frozenset({"--bind", "-b", "--listen", "--host", "--address"})
POSITIONAL_PORT_AFTER = frozenset({"http.server", "SimpleHTTPServer", "runserver", "-S"})
SHORT_PORT_PROGRAMS = frozenset({"docker", "podman", "flask"})
HOST_PORT = re.compile(r"^(?:[a-z]+://)?(?:\[[^\]]*\]|[^\s:/]*):(\d{1,5})$")
