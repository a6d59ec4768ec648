import httpx
import pytest
import requests


@pytest.fixture
def client():
    return httpx.Client(transport=httpx.HTTPTransport(retries=1))  # expect: FXL103:12


@pytest.fixture
def session():
    # Configured only here, but handed to the tests, which send through it.
    s = requests.Session()  # expect: FXL103:9
    s.mount("http://", requests.adapters.HTTPAdapter())
    return s


def test_clients(client, session):
    assert client.get("http://127.0.0.1:8000/").status_code == 200
