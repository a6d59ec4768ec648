import pytest


@pytest.mark.parametrize("user", [{"name": "alice"}], indirect=True)  # expect: FXL201:35
def test_user(user):
    assert user["active"]
