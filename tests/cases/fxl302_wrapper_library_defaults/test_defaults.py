import uvicorn
from aiosmtpd.controller import Controller
from moto.server import ThreadedMotoServer


def start_uvicorn(app):
    config = uvicorn.Config(app=app, loop="asyncio")  # expect: FXL302:14
    return uvicorn.Server(config)


def test_uvicorn_config_default():
    start_uvicorn(object()).run()  # reported in the helper above, not here again


def test_uvicorn_config_free_port():
    uvicorn.Config(app=object(), port=0)


def test_uvicorn_config_unix_socket():
    uvicorn.Config(app=object(), uds="/tmp/app.sock")


def test_smtp_controller_default():
    Controller(object()).start()  # expect: FXL302:5


def test_smtp_controller_free_port():
    Controller(object(), port=0).start()


def test_moto_default():
    ThreadedMotoServer().start()  # expect: FXL302:5


def test_moto_fixed():
    ThreadedMotoServer(port=5001).start()  # expect: FXL302:29


def test_moto_free_port():
    ThreadedMotoServer(port=0).start()
