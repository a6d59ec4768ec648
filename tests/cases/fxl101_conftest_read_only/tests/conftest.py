import pytest


@pytest.fixture(scope="session")
def settings():
    return {"debug": False, "retries": 3}


@pytest.fixture
def retries(settings):
    return settings["retries"]
