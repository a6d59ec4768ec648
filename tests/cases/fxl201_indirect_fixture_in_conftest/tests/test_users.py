import pytest


@pytest.mark.parametrize("user", [{"name": "alice"}], indirect=True)
def test_user(user):
    assert user["active"]
