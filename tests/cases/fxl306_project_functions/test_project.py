"""A project function that leaves process state changed is the test's own change."""
import logging
from unittest import mock

from app import logs
from app.logs import configure, plain, quiet_then_loud, setup_logging, short_timeout


def test_setup_logging():
    setup_logging(verbose=True)  # expect: FXL306:5


def test_through_module():
    logs.setup_logging()  # expect: FXL306:5


def test_two_deep():
    configure()  # expect: FXL306:5


def test_undone_inside():
    quiet_then_loud()


def test_context_manager_restores():
    with short_timeout():
        plain()


def test_handlers_removed_afterwards():
    root = logging.getLogger()
    saved = root.handlers[:]
    setup_logging()
    root.handlers = saved


@mock.patch("app.logs.setup_logging")
def test_patched(setup):
    logs.setup_logging()
