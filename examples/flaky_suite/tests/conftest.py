import pytest


@pytest.fixture
def client():
    return {"base_url": "https://example.invalid"}
