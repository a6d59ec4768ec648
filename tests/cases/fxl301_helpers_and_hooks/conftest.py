import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")


def pytest_configure(config):
    os.environ["APP_ENV"] = "test"


def _add_vendor_dir():
    sys.path.append("/opt/vendor")


_add_vendor_dir()


def enable_debug():
    os.environ["APP_DEBUG"] = "1"


def enable_tracing():
    os.environ["APP_TRACE"] = "1"  # expect: FXL301:5


def reset_debug():
    os.environ.pop("APP_DEBUG", None)


def configure_session():
    os.environ["APP_SESSION"] = "1"


def pytest_sessionstart(session):
    configure_session()


def unused_helper():
    os.environ["NOBODY_CALLS_ME"] = "1"


@pytest.fixture
def debug():
    enable_debug()
    yield
    reset_debug()


@pytest.fixture
def tracing():
    enable_tracing()
