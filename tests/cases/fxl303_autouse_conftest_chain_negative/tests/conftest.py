import pytest
from freezegun import freeze_time


@pytest.fixture(autouse=True)
def frozen_clock():
    with freeze_time("2024-01-31"):
        yield
