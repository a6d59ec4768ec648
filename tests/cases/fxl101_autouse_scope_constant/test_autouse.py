import pytest

SCOPE = "module"


@pytest.fixture(scope=SCOPE, autouse=True)
def calls():
    return list()  # expect: FXL101:5


def test_nothing():
    assert True
