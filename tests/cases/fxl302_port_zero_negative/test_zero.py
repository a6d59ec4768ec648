import asyncio
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer


def test_bind_zero():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        host, port = sock.getsockname()


def test_server_zero():
    server = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.server_close()


async def test_asyncio_zero():
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", port=0)
    server.close()


def test_unix_socket(tmp_path):
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "app.sock"))
