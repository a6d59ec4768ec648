import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
async def echo_server():
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    async with server:
        yield server


def test_server(http_server, echo_server):
    assert http_server.server_address[1]
