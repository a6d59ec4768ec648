import pytest

from pkg import state


@pytest.fixture(autouse=True)
def fresh_parking():
    state._PARKED.clear()
