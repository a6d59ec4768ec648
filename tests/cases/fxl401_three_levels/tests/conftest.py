import pytest


@pytest.fixture
def settings():  # expect: FXL401:1
    return {"debug": True}


@pytest.fixture
def user():
    return "alice"
