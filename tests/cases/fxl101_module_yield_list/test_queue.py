import pytest


@pytest.fixture(scope="module")
def queue():
    yield []  # expect: FXL101:5
    print("done")


def test_empty(queue):
    assert len(queue) == 0
