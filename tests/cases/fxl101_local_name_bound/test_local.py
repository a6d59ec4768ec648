import pytest


@pytest.fixture(scope="session")
def config():
    config = {}
    config["debug"] = False
    return config  # expect: FXL101:5


@pytest.fixture(scope="module")
def rows():
    result = [1, 2]
    yield result  # expect: FXL101:5
    result.clear()


def test_config(config, rows):
    assert config["debug"] is False and rows
