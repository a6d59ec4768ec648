import pytest
import time_machine


@pytest.fixture
def frozen():
    traveller = time_machine.travel("2024-01-31 12:00")
    traveller.start()
    yield
    traveller.stop()


@pytest.fixture
def billing_clock(frozen):
    yield
