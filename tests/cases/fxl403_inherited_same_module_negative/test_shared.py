import pytest


@pytest.fixture
def name():
    """Requested only by SharedConstructorTests' test, which pytest runs on its subclasses."""
    return "interval"


class SharedConstructorTests:
    """Not named Test*: pytest does not collect it, but its subclasses run its tests."""

    @pytest.fixture
    def obj(self):
        raise NotImplementedError

    def test_constructor(self, obj, name):
        assert obj is not None and name


class TestFromList(SharedConstructorTests):
    @pytest.fixture
    def obj(self):
        """A class-level override requested by the parent's test."""
        return [1]


class TestFromTuple(SharedConstructorTests):
    @pytest.fixture
    def obj(self):
        return (1,)
