import os

import pytest

BASE = "https://example.invalid"


@pytest.fixture(params=["s", "ms", "us", "ns"])
def unit(request):
    """The datetime units we support."""
    return request.param


@pytest.fixture
def base_url():
    return BASE


@pytest.fixture(params=[1, 2])
def size(request):
    return request.param


@pytest.fixture
def sep():
    return os.sep


@pytest.fixture(scope="session")
def shared_name():
    return "shared"


@pytest.fixture
def label():
    return "label"
