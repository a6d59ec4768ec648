import os
import sys

import pytest

import myapp.settings


@pytest.fixture
def debug_env(request):
    os.environ["DEBUG"] = "1"
    request.addfinalizer(lambda: os.environ.pop("DEBUG", None))


@pytest.fixture
def vendor_path(request):
    sys.path.insert(0, "/opt/vendor")

    def fin():
        sys.path.remove("/opt/vendor")

    request.addfinalizer(fin)


@pytest.fixture
def flag(request):
    myapp.settings.FLAG = True
    request.addfinalizer(lambda: setattr(myapp.settings, "FLAG", False))


@pytest.fixture
def level(request):
    old = myapp.settings.LEVEL
    myapp.settings.LEVEL = 5
    request.addfinalizer(lambda: setattr(myapp.settings, "LEVEL", old))
    return 5


def test_requests_a_restoring_fixture(clean_env):
    os.environ["ANY"] = "1"


def test_requests_it_through_another_fixture(isolated):
    os.environ["ANY"] = "1"


def test_requests_nothing():
    os.environ["ANY"] = "1"  # expect: FXL301:5


class TestCleanups:
    def setup_method(self):
        os.environ["CLASS_MODE"] = "1"

    def teardown_method(self):
        del os.environ["CLASS_MODE"]

    def test_also_writes_what_teardown_restores(self):
        os.environ["CLASS_MODE"] = "2"
