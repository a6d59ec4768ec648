import pytest

DEFAULTS = {"timeout": 5}


@pytest.fixture(scope="session")
def defaults():
    return DEFAULTS  # expect: FXL101:5


def test_timeout(defaults):
    assert defaults["timeout"] == 5
