import pytest


@pytest.fixture(scope="session")
def settings():
    return {"debug": False, "retries": 3}  # expect: FXL101:5
