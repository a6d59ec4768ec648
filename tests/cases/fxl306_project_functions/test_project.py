"""A project function that leaves process state changed is the test's own change."""
import logging
from unittest import mock

from app import logs
import pytest
from app.logs import configure, main, maybe, plain, quiet_then_loud, replace_handlers, setup_logging, short_timeout, swap_handlers


def test_setup_logging():
    setup_logging(verbose=True)  # expect: FXL306:5


def test_through_module():
    logs.setup_logging()  # expect: FXL306:5


def test_two_deep_not_followed():
    configure()


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


def test_main_exits_before_the_change():
    with pytest.raises(SystemExit):
        main([])


def test_main_may_exit_first():
    main(["x"])


def test_configure_replaces_handlers():
    replace_handlers()


def test_conditional_change():
    maybe(True)


def test_restored_in_finally():
    with swap_handlers():
        plain()
