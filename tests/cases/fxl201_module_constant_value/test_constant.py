import pytest

BASE = {"retries": 1}
CASES = [BASE, {"retries": 2}]


@pytest.mark.parametrize("options", CASES)
def test_options(options):
    options.pop("timeout")  # expect: FXL201:5
