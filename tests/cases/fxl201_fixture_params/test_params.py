import pytest


@pytest.fixture(params=[{"mode": "a"}, {"mode": "b"}])
def mode(request):
    request.param["seen"] = True  # expect: FXL201:5
    return request.param["mode"]


def test_mode(mode):
    assert mode in ("a", "b")
