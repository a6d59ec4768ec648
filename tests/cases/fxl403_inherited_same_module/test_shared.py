import pytest


@pytest.fixture
def name():  # expect: FXL403:1
    """Requested only by a class that no test class subclasses: pytest never runs it."""
    return "interval"


class SharedConstructorTests:
    @pytest.fixture
    def obj(self):
        raise NotImplementedError

    def test_constructor(self, obj):
        assert obj is not None


class OrphanTests:
    def test_name(self, name):
        assert name


class TestFromList(SharedConstructorTests):
    @pytest.fixture
    def obj(self):
        return [1]

    @pytest.fixture
    def size(self):  # expect: FXL403:5
        """No test of the class, own or inherited, requests it."""
        return 1
