import pytest


@pytest.fixture
def unrelated():  # expect: FXL401:1
    return 2


def test_user(user, unrelated, settings):
    assert user == "bob"
