import datetime

import pytest

pytestmark = [pytest.mark.freeze_time("2024-01-31")]


def test_module_mark():
    assert datetime.date.today().day == 31
