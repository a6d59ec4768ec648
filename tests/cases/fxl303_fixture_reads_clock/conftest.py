import datetime

import pytest


@pytest.fixture
def today():
    return datetime.date.today()  # expect: FXL303:12
