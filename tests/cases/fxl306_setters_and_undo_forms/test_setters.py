import asyncio
import locale
import logging
import os
import signal
import socket
import sys
import warnings
from unittest import mock

import pytest

log = logging.getLogger(__name__)


def test_disable():
    logging.disable(logging.CRITICAL)  # expect: FXL306:5


def test_disable_restored():
    logging.disable(logging.CRITICAL)
    try:
        pass
    finally:
        logging.disable(logging.NOTSET)


def test_handler():
    h = logging.StreamHandler()
    logging.getLogger("app").addHandler(h)  # expect: FXL306:5


def test_handler_removed():
    h = logging.StreamHandler()
    logger = logging.getLogger("app")
    logger.addHandler(h)
    yield
    logger.removeHandler(h)


def test_level():
    log.setLevel(logging.DEBUG)  # expect: FXL306:5


def test_level_caplog(caplog):
    caplog.set_level(logging.DEBUG)


def test_basic():
    logging.basicConfig(level=logging.DEBUG)


def test_basic_force():
    logging.basicConfig(level=logging.DEBUG, force=True)  # expect: FXL306:5


def test_locale():
    locale.setlocale(locale.LC_ALL, "C")  # expect: FXL306:5


def test_locale_from_environment():
    locale.setlocale(locale.LC_ALL, "")


def test_locale_query():
    assert locale.setlocale(locale.LC_ALL)


def test_locale_saved():
    old = locale.setlocale(locale.LC_ALL)
    locale.setlocale(locale.LC_ALL, "C")
    locale.setlocale(locale.LC_ALL, old)


def test_signal_other_slot():
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)  # expect: FXL306:11
    signal.signal(signal.SIGTERM, old)  # expect: FXL306:5


@mock.patch("os.umask")
def test_umask_mocked(umask):
    os.umask(0)


def test_umask():
    os.umask(0)  # expect: FXL306:5


def test_timeout(request):
    socket.setdefaulttimeout(3)
    request.addfinalizer(lambda: socket.setdefaulttimeout(None))


def test_timeout_leak():
    socket.setdefaulttimeout(3)  # expect: FXL306:5


def test_warnings():
    warnings.simplefilter("error")


def test_loop_closed():
    asyncio.get_event_loop().close()  # expect: FXL306:5


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # expect: FXL306:5
    yield loop
    loop.close()


@pytest.fixture
def restoring():
    yield
    sys.setrecursionlimit(1000)


def test_recursion(restoring):
    sys.setrecursionlimit(50000)


def test_recursion_leak():
    sys.setrecursionlimit(50000)  # expect: FXL306:5


class TestX:
    def setup_method(self):
        logging.disable(logging.INFO)

    def teardown_method(self):
        logging.disable(logging.NOTSET)

    def test_in_class(self):
        logging.disable(logging.INFO)
