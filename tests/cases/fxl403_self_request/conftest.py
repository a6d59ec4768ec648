import pytest


@pytest.fixture
def app_config():
    return {"debug": False}
