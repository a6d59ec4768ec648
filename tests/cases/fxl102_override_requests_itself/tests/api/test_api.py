import pytest


@pytest.fixture
def servers(servers):
    servers.append("api")  # expect: FXL102:5
    return servers


def test_api(servers):
    servers.append("extra")  # expect: FXL102:5
