import pytest


@pytest.fixture(scope="session")
def order():
    return []  # noqa: FXL101


@pytest.fixture
def first(order):
    order.append("first")  # expect: FXL102:5


def test_order(first, order):
    assert order == ["first"]


@pytest.mark.parametrize("n", [1, 2])
def test_again(order, n):
    order.append(n)  # expect: FXL102:5
