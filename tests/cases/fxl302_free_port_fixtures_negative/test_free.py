import asyncio
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiohttp import web


def find_free_port():
    with socket.socket() as sock:
        sock.bind(("", 0))
        return sock.getsockname()[1]


def test_unused_tcp_port(unused_tcp_port):
    server = HTTPServer(("127.0.0.1", unused_tcp_port), BaseHTTPRequestHandler)
    server.server_close()


async def test_factory(unused_tcp_port_factory):
    port = unused_tcp_port_factory()
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", port)
    server.close()


def test_helper():
    port = find_free_port()
    server = HTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)
    server.server_close()


async def test_site(aiohttp_unused_port):
    runner = web.AppRunner(web.Application())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", aiohttp_unused_port())
    await site.start()
    await runner.cleanup()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_parametrized_host(host, unused_tcp_port):
    server = HTTPServer((host, unused_tcp_port), BaseHTTPRequestHandler)
    server.server_close()
