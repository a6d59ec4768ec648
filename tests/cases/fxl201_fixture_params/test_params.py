import pytest


@pytest.fixture(params=[{"mode": "a"}, {"mode": "b"}])
def mode(request):
    request.param["runs"] = request.param.get("runs", 0) + 1  # expect: FXL201:5
    return request.param["mode"]


def test_mode(mode):
    assert mode in ("a", "b")
