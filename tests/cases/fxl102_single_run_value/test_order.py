import pytest


@pytest.fixture(scope="session")
def order():
    return []  # noqa: FXL101


@pytest.fixture
def first(order):
    order.append("first")


@pytest.fixture(scope="module")
def second(order):
    order.append("second")


def test_order(first, second, order):
    assert order == ["second", "first"]
