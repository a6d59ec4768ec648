import pytest


@pytest.fixture(scope="session")
def frozen_rows():
    rows = [3, 1, 2]
    rows = tuple(sorted(rows))
    return rows


@pytest.fixture(scope="session")
def unknown():
    value = make_value()
    return value


def make_value():
    return object()


def test_rows(frozen_rows, unknown):
    assert frozen_rows == (1, 2, 3) and unknown is not None
