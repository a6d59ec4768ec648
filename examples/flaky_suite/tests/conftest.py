import pytest


@pytest.fixture
def client():
    return {"base_url": "https://example.invalid"}


@pytest.fixture(scope="session")
def region():
    return "eu"


@pytest.fixture(scope="session")
def api_session(region):  # FXL402: tests/api overrides `region`; the first test to ask decides for all
    return {"region": region}
