import pytest


@pytest.fixture
def used():
    return 1


@pytest.fixture
def forgotten():  # expect: FXL403:1
    return 2


@pytest.fixture(name="renamed")
def renamed_fixture():  # expect: FXL403:1
    return 3


class TestThings:
    @pytest.fixture
    def value(self):  # expect: FXL403:5
        return 4

    def test_used(self, used):
        assert used == 1
