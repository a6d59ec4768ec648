import pytest


@pytest.fixture
def user(request):
    data = request.param
    data["logins"] = data.get("logins", 0) + 1  # expect: FXL201:5
    return data


@pytest.mark.parametrize("user", [{"name": "alice"}], indirect=True)
def test_alice(user):
    assert user["logins"] == 1


@pytest.mark.parametrize("user", [{"name": "bob"}, {"name": "carol"}], indirect=True)
def test_bob(user):
    assert user["logins"] == 1


@pytest.fixture
def restored(request):
    old = request.param["mode"]
    request.param["mode"] = "x"
    yield request.param
    request.param["mode"] = old


@pytest.mark.parametrize("restored", [{"mode": "a"}], indirect=True)
def test_restored(restored):
    assert restored["mode"] == "x"
