# Without preview: wrappers, library defaults and the new binders are not reported yet.
from moto.server import ThreadedMotoServer

from helpers import launch


def test_wrapper(app):
    launch(app, 5001)


def test_new_binder():
    ThreadedMotoServer(port=5001).start()
