import threading

import uvicorn
from aiohttp import web


def test_uvicorn_default():
    app = object()
    threading.Thread(target=uvicorn.run, args=(app,)).start()
    uvicorn.run(app, host="127.0.0.1")  # expect: FXL302:5


def test_aiohttp_default():
    app = web.Application()
    web.run_app(app)  # the suites calling it bare patch the loop
