import pytest


@pytest.fixture
def token():  # expect: FXL401:1
    """A token."""
    return "secret"


@pytest.fixture
def token():
    return "secret"


class TestOnlyFixture:
    @pytest.fixture
    def flag(self):  # expect: FXL401:5
        return True

    @pytest.fixture
    def flag(self):
        return True

    def test_flag(self, flag, token):
        assert flag and token
