import pytest


@pytest.fixture
def client():  # FXL401: hides tests/conftest.py's client for every test in tests/api
    return {"base_url": "https://api.example.invalid"}
