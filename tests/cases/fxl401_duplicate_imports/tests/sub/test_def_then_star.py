import pytest


@pytest.fixture
def server():  # expect: FXL401:1
    return "my server"


from ..fixtures.web import *  # noqa: E402


def test_server(server):
    assert server
