import contextlib
import logging
import socket


def setup_logging(verbose=False):
    root = logging.getLogger()
    root.addHandler(logging.StreamHandler())


def quiet_then_loud():
    logging.disable(logging.CRITICAL)
    logging.disable(logging.NOTSET)


def configure():
    setup_logging()


@contextlib.contextmanager
def short_timeout():
    socket.setdefaulttimeout(1)
    try:
        yield
    finally:
        socket.setdefaulttimeout(None)


def plain():
    return 1
