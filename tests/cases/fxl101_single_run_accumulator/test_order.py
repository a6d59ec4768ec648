import pytest


@pytest.fixture(scope="session")
def order():
    return []


@pytest.fixture
def func(order):
    order.append("function")


@pytest.fixture(scope="module")
def mod(order):
    order.append("module")


def test_order(func, mod, order):
    assert order == ["module", "function"]


@pytest.fixture(scope="class")
def calls():
    return []


class TestFirst:
    def test_one(self, calls):
        calls.append(1)
        assert calls == [1]


class TestSecond:
    def test_one(self, calls):
        calls.append(2)
        assert calls == [2]


@pytest.fixture(scope="module")
def registry():
    return {}


@pytest.fixture(scope="module")
def populated(registry):
    registry["a"] = 1
    return registry


def test_a(populated):
    assert populated["a"] == 1


def test_b(registry, populated):
    assert registry is populated
