import pytest

from pkg import payload


@pytest.fixture
def registry():
    old = payload.REGISTRY
    payload.REGISTRY = payload.Registry()
    yield payload.REGISTRY
    payload.REGISTRY = old


@pytest.fixture
def counted():
    yield
    payload.reset()


def test_owner_replaced_by_fixture(registry):
    payload.register_payload(object)


def test_patching_fixture(patching):
    patching("pkg.payload._FLAG", False)
    payload.set_flag(True)


@pytest.mark.usefixtures("counted")
class TestCounts:
    def test_accept(self):
        payload.accept()


def test_accept_leaks():
    payload.accept()  # expect: FXL308:5


def test_init_fills_the_same_items():
    payload.init()


def test_reader():
    assert payload.REGISTRY.factories() == []
    assert payload.count() == 0
    assert not payload.flag()
    assert payload.table("a") == "A"


class TestTeardown:
    def teardown_method(self):
        payload.set_flag(False)

    def test_flag(self):
        payload.set_flag(True)


def test_aggregates_leak():
    payload.aggregates.add("k", 1)  # expect: FXL308:5


@pytest.fixture
def aggregates():
    yield payload.aggregates
    payload.aggregates.reset()


def test_aggregates_reset(aggregates):
    aggregates.add("k", 1)
    payload.aggregates.add("j", 1)


def test_aggregates_reader():
    assert payload.aggregates.get("k") is None
