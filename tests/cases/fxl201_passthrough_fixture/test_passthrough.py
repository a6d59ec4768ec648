import pytest


@pytest.fixture
def config(request):
    return request.param


@pytest.fixture(params=[[1, 2], [3]])
def numbers(request):
    return request.param


@pytest.mark.parametrize("config", [{"debug": False}], indirect=True)
def test_config(config):
    config["debug"] = True  # expect: FXL201:5


def test_numbers(numbers):
    numbers.pop()  # expect: FXL201:5
