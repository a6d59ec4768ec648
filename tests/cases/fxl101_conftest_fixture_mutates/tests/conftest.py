import pytest


@pytest.fixture(scope="session")
def seen_ids():
    return set()  # expect: FXL101:5


@pytest.fixture
def fresh_id(seen_ids):
    new = len(seen_ids) + 1
    seen_ids.add(new)
    return new


@pytest.fixture(scope="session")
def registry():
    registry = {}
    yield registry


@pytest.fixture
def entry(registry):
    registry["entry"] = 1
    yield registry["entry"]
    del registry["entry"]
