import os.path

import pytest

BASE = "https://other.invalid"


@pytest.fixture(params=["s", "ms", "us", "ns"])
def unit(request):  # expect: FXL401:1
    # the same fixture as tests/conftest.py's, but for the docstring and this comment
    return request.param


@pytest.fixture
def base_url():
    # reads this module's own BASE, not the conftest's: not a copy
    return BASE


@pytest.fixture(params=[1, 2, 3])
def size(request):
    return request.param


@pytest.fixture
def sep():  # expect: FXL401:1
    return os.sep


@pytest.fixture(scope="session")
def shared_name():  # expect: FXL401:1
    return "shared"


@pytest.fixture
def label():  # expect: FXL401:1
    return "label"


LABEL_FACTORY = label


def test_module_unit(unit, base_url, size, sep, shared_name, label):
    assert unit and base_url and size and sep and shared_name and label
