import aiohttp
import httpx
import pytest
import pytest_asyncio
import requests


@pytest.fixture
def session():
    with requests.Session() as s:
        yield s


@pytest.fixture
def client():
    c = httpx.Client()
    try:
        yield c
    finally:
        c.close()


@pytest_asyncio.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


@pytest_asyncio.fixture
async def async_client():
    client = httpx.AsyncClient()
    yield client
    await client.aclose()


def test_clients(session, client, http, async_client):
    assert session is not None
