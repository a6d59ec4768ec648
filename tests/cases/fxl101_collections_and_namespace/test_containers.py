import collections
import copy
import types
from collections import deque

import pytest


@pytest.fixture(scope="session")
def counts():
    return collections.Counter("abc")  # expect: FXL101:5


@pytest.fixture(scope="session")
def pending():
    return deque(maxlen=3)  # expect: FXL101:5


@pytest.fixture(scope="session")
def namespace():
    return types.SimpleNamespace(debug=False)  # expect: FXL101:5


@pytest.fixture(scope="session")
def buffer():
    return bytearray(b"abc")  # expect: FXL101:5


@pytest.fixture(scope="session")
def defaults():
    return copy.deepcopy({"a": 1})  # expect: FXL101:5


@pytest.fixture(scope="session")
def by_key():
    return collections.defaultdict(list)  # expect: FXL101:5


def test_all(counts, pending, namespace, buffer, defaults, by_key):
    assert counts and pending is not None and namespace and buffer and defaults and by_key is not None
