import pytest


@pytest.fixture
def database():
    return {}


@pytest.fixture
def orphan():  # expect: FXL403:1
    return []


@pytest.fixture
def settings():
    return {"debug": False}


@pytest.fixture
def client(settings):
    return settings


@pytest.fixture
def base_url():
    return "http://localhost"
