import pytest


@pytest.fixture(autouse=True)
def frozen_clock(freezer):
    freezer.move_to("2024-01-31")
