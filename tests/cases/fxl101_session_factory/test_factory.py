import pytest


@pytest.fixture(scope="session")
def make_user():
    def make(name):
        return {"name": name, "roles": []}

    return make


@pytest.fixture(scope="session")
def make_config():
    return lambda: {"debug": False}


def test_user(make_user, make_config):
    user = make_user("alice")
    user["roles"].append("admin")
    assert make_config()["debug"] is False
