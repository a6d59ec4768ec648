import asyncio
import socketserver
from wsgiref.simple_server import make_server

from aiohttp import web


def app(environ, start_response):
    start_response("200 OK", [])
    return [b""]


def test_socketserver():
    server = socketserver.ThreadingTCPServer(("localhost", 9999), socketserver.BaseRequestHandler)  # expect: FXL302:60
    server.server_close()


def test_wsgiref():
    server = make_server("127.0.0.1", 8000, app)  # expect: FXL302:39
    server.server_close()


async def test_asyncio_start_server():
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 8888)  # expect: FXL302:73
    server.close()


async def test_create_server():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(asyncio.Protocol, "127.0.0.1", port=8889)  # expect: FXL302:75
    server.close()


async def test_tcp_site():
    runner = web.AppRunner(web.Application())
    await runner.setup()
    site = web.TCPSite(runner, "localhost", 8080)  # expect: FXL302:45
    await site.start()
    await runner.cleanup()
