import pytest


@pytest.fixture(scope="session")
def client():  # FXL401: hides tests/conftest.py's function-scoped client with a session-scoped one
    return {"base_url": "https://api.example.invalid"}


@pytest.fixture(scope="session")
def region():
    return "us"
