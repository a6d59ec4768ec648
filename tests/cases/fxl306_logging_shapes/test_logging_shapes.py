"""Logging changes that stay, and loggers no later test can see."""
import logging
import socket
from io import StringIO


def test_root_handler_left():
    handler = logging.StreamHandler(StringIO())
    logging.getLogger().addHandler(handler)  # expect: FXL306:5


def test_basic_config_after_emptying_root():
    for handler in logging.root.handlers[:]:
        logging.root.removeHandler(handler)
    logging.basicConfig(level=logging.DEBUG, stream=StringIO())  # expect: FXL306:5


def test_basic_config_after_clearing_root():
    logging.getLogger().handlers.clear()
    logging.basicConfig(level=logging.DEBUG)  # expect: FXL306:5


def test_basic_config_alone():
    logging.basicConfig(level=logging.DEBUG)


def test_private_logger_level(caplog):
    private = logging.getLogger("test.feeds.log")
    private.setLevel(logging.INFO)
    private.info("x")
    assert "x" in caplog.text


def test_shared_test_logger_first():
    logging.getLogger("tests.shared").setLevel(logging.ERROR)  # expect: FXL306:5


def test_shared_test_logger_second(caplog):
    logging.getLogger("tests.shared").info("y")
    assert "y" in caplog.text


def test_package_logger_level():
    logging.getLogger("asyncio").setLevel(logging.WARNING)  # expect: FXL306:5


def test_socket_timeout_left():
    socket.setdefaulttimeout(5)  # expect: FXL306:5
