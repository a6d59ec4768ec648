import pytest

from suite import shared


@pytest.fixture
def data_for_sorting():
    """Requested only by a test that TestImpl inherits from another module."""
    return [3, 1, 2]


class TestImpl(shared.SharedTests):
    pass
