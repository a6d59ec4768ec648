import http.client

import aiohttp
import httpx
import pytest
import requests


def test_session_sends(server_url="http://127.0.0.1:8000"):
    s = requests.Session()  # expect: FXL105:9
    assert s.get(server_url).status_code == 200


def test_session_sends_then_fails(server_url="https://127.0.0.1:8443"):
    s = requests.Session()  # expect: FXL105:9
    assert s.get(server_url, verify=False).status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        s.get(server_url)


def test_client_streams(url="http://127.0.0.1:8000"):
    client = httpx.Client()  # expect: FXL105:14
    response = client.send(client.build_request("GET", url), stream=True)
    response.read()


def test_send_handed_on(url="http://127.0.0.1:8000"):
    session = requests.Session()  # expect: FXL105:15
    fetch = session.get
    assert fetch(url).ok


async def test_connector_connects(req):
    conn = aiohttp.TCPConnector()  # expect: FXL105:12
    connection = await conn.connect(req, [], aiohttp.ClientTimeout())
    assert connection is not None


def test_http_connection_requests(addr="127.0.0.1:8000"):
    conn = http.client.HTTPConnection(addr)  # expect: FXL105:12
    conn.request("GET", "/")
    assert conn.getresponse().status == 200


async def test_client_session_unused():
    # Not a lazy pool: an unclosed aiohttp ClientSession warns when collected.
    session = aiohttp.ClientSession()  # expect: FXL105:15
    assert session.connector is not None
