import pytest

pytest_plugins = ["tests.fixtures.shared"]


@pytest.fixture(scope="session")
def celery_config():
    return {"broker_url": "memory://"}
