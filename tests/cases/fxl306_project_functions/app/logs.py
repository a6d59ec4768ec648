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


def main(argv):
    if not argv:
        raise SystemExit(2)
    logging.disable(logging.INFO)


def replace_handlers():
    logger = logging.getLogger("app")
    for handler in logger.handlers[:]:
        logger.removeHandler(handler)
    logger.addHandler(logging.NullHandler())


def maybe(flag):
    if flag:
        logging.disable(logging.INFO)


@contextlib.contextmanager
def swap_handlers():
    logger = logging.getLogger("app")
    saved = logger.handlers[:]
    try:
        logger.handlers = []
        yield
    finally:
        for handler in saved:
            logger.addHandler(handler)
