import httpx
import pytest
import pytest_asyncio


def handler(request):
    return httpx.Response(200)


async def asgi_app(scope, receive, send):
    pass


class RecordingTransport(httpx.MockTransport):
    pass


@pytest.fixture
def client():
    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest_asyncio.fixture
async def async_client():
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi_app))
    yield client


@pytest.fixture
def recording_client():
    client = httpx.Client(transport=RecordingTransport(handler))
    return client


def test_clients(client, async_client, recording_client):
    assert client.get("http://example.org/").status_code == 200
