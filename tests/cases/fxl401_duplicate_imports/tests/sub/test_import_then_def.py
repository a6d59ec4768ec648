import pytest

from ..fixtures.api import token  # expect: FXL401:28
from ..fixtures.web import make_url


@pytest.fixture
def token():
    return "other secret"


@pytest.fixture
def make_url():
    # `make_url` came in as a plain helper, not a fixture: nothing was hidden
    return "https://example.invalid/"


def test_token(token, client, make_url):
    assert token
