import aiohttp
import httpx
import pytest
import pytest_asyncio
import requests


@pytest.fixture
def session():
    s = requests.Session()  # expect: FXL103:9
    s.headers["User-Agent"] = "tests"
    return s


@pytest.fixture
def client():
    return httpx.Client(base_url="https://example.invalid")  # expect: FXL103:12


@pytest_asyncio.fixture
async def http():
    session = aiohttp.ClientSession()  # expect: FXL103:15
    yield session


@pytest_asyncio.fixture
async def async_client():
    client = httpx.AsyncClient()  # expect: FXL103:14
    return client


def test_clients(session, client, http, async_client):
    assert session.headers["User-Agent"] == "tests"
