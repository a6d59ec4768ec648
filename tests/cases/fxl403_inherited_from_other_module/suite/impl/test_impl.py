import pytest

from suite import shared


@pytest.fixture
def data_for_sorting():
    return [3, 1, 2]


@pytest.fixture
def data_for_twos():  # expect: FXL403:1
    """The only test that requested it is overridden below without it."""
    return 2


@pytest.fixture
def data_repeated():  # expect: FXL403:1
    return [1, 1]


class TestImpl(shared.SharedTests):
    def test_divmod(self, data):
        assert divmod(data, 2)
