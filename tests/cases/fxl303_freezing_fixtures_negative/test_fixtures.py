import datetime

import pytest

pytestmark = pytest.mark.usefixtures("time_machine")


def test_time_machine_via_pytestmark():
    assert datetime.date.today()
