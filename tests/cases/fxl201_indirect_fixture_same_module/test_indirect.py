import pytest


@pytest.fixture
def user(request):
    data = request.param
    data["logins"] += 1  # expect: FXL201:5
    return data


@pytest.fixture
def account(request):
    request.param["history"].append(0)  # expect: FXL201:5
    return request.param


@pytest.mark.parametrize("user", [{"name": "alice"}], indirect=True)
def test_user(user):
    assert user["active"]


@pytest.mark.parametrize("account, user", [({"id": 1}, {"name": "bob"})], indirect=["account", "user"])
def test_account(account, user):
    assert account["balance"] == 0
