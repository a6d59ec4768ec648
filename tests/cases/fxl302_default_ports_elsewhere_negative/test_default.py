import socket

import uvicorn
from aiohttp import web


def test_uvicorn_on_a_unix_socket(tmp_path):
    uvicorn.run(object(), uds=str(tmp_path / "app.sock"))


def test_uvicorn_free_port(unused_tcp_port):
    uvicorn.run(object(), port=unused_tcp_port)


def test_aiohttp_on_a_socket():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    web.run_app(web.Application(), sock=sock)
    sock.close()


def test_options_may_hold_a_port(options):
    uvicorn.run(object(), **options)
