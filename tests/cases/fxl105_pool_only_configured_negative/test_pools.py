import http.client

import aiohttp
import httpx
import pytest
import requests
import urllib3


def test_session_prepares_only():
    session = requests.Session()
    request = requests.Request("GET", "http://example.com/", params={"a": "b"})
    prepared = session.prepare_request(request)
    assert prepared.url == "http://example.com/?a=b"


def test_session_mounts_only():
    s = requests.Session()
    s.mount("http://", requests.adapters.HTTPAdapter())
    assert s.get_adapter("http://example.com") is not None
    assert s.should_strip_auth("http://a.example/", "http://b.example/")


def test_client_configured_only():
    client = httpx.Client()
    client.base_url = "https://www.example.org/"
    assert client.build_request("GET", "/path").url == "https://www.example.org/path"


async def test_async_client_transport_for_url():
    client = httpx.AsyncClient(proxy="http://127.0.0.1:8080")
    assert client._transport_for_url(httpx.URL("http://example.com")) is not None


async def test_connector_settings_only():
    conn = aiohttp.TCPConnector()
    assert conn.allowed_protocol_schema_set


def test_pool_manager_unused():
    manager = urllib3.PoolManager(num_pools=2)
    assert manager.connection_pool_kw == {}


def test_http_connection_never_connects():
    conn = http.client.HTTPSConnection("example.com")
    assert conn.host == "example.com"


def test_failing_request_leaves_nothing(httpbin_url="http://localhost:1"):
    session = requests.Session()
    with pytest.raises(requests.exceptions.ConnectionError):
        session.get(httpbin_url)

