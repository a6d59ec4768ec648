import os
import sys
from contextlib import contextmanager

import pytest

from mypkg.testing import announced, environ_restored, path_restored


@contextmanager
def ensure_safe_environment_variables():
    saved_environ = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)


@pytest.fixture(scope="module")
def server_env():
    with ensure_safe_environment_variables():
        os.environ["AWS_ACCESS_KEY_ID"] = "key"
        yield


def test_module_manager(server_env):
    with ensure_safe_environment_variables():
        os.environ["REGION"] = "eu"


def test_project_managers():
    with environ_restored():
        os.environ["MODE"] = "x"
    with path_restored():
        sys.path.insert(0, "plugins")


def test_after_the_block():
    with environ_restored():
        os.environ["MODE"] = "x"
    os.environ["LEVEL"] = "3"  # expect: FXL301:5


def test_manager_that_restores_something_else():
    with path_restored():
        os.environ["MODE"] = "x"  # expect: FXL301:9


def test_manager_that_restores_nothing():
    with announced():
        os.environ["MODE"] = "x"  # expect: FXL301:9
