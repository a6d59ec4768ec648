import os

import pytest


@pytest.fixture(autouse=True)
def reset():
    try:
        del os.environ["APP_MOTD_OUTPUT"]
    except KeyError:
        ...
    os.environ.pop("APP_STARTED", None)


@pytest.fixture
def without_home():
    os.environ.pop("HOME", None)  # expect: FXL301:5


@pytest.fixture(autouse=True)
def marker():
    os.environ["APP_MARKER"] = "1"  # expect: FXL301:5


def test_motd(without_home):
    assert "APP_MOTD_OUTPUT" not in os.environ
