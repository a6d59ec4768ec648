import pytest


@pytest.fixture(name="client")
def api_client(client):
    return {**client, "api": True}
