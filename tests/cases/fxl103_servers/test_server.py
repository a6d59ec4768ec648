import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)  # expect: FXL103:14
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
async def echo_server():
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)  # expect: FXL103:20
    return server


def test_server(http_server, echo_server):
    assert http_server.server_address[1]
