import pytest

from ..fixtures.web import *


@pytest.fixture
def client():
    # overriding one fixture of a star-imported set, in plain sight: deliberate
    return "my client"


def test_client(client, server):
    assert client
