import pytest


def pick_scope(fixture_name, config):
    return "session"


@pytest.fixture
def payload():
    return {"id": 1}


@pytest.fixture(scope="function")
def items():
    return [1, 2]


@pytest.fixture(scope=pick_scope)
def dynamic():
    return {"id": 2}


def test_payload(payload, items, dynamic):
    payload["id"] = 3
    items.append(3)
    assert dynamic["id"] == 2
