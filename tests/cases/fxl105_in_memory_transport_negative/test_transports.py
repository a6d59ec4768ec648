import httpx


def handler(request):
    return httpx.Response(200, json={"ok": True})


def app(environ, start_response):
    start_response("200 OK", [])
    return [b"Hello"]


async def asgi_app(scope, receive, send):
    pass


class RecordingTransport(httpx.MockTransport):
    def handle_request(self, request):
        return self.handler(request)


class StrictRecordingTransport(RecordingTransport):
    pass


def test_mock_transport():
    client = httpx.Client(transport=httpx.MockTransport(handler))
    assert client.get("http://example.org/").status_code == 200


def test_mock_transport_bound_first():
    transport = httpx.MockTransport(handler)
    client = httpx.Client(transport=transport)
    assert client.post("http://example.org/").status_code == 200


def test_wsgi_transport():
    client = httpx.Client(transport=httpx.WSGITransport(app=app))
    assert client.get("http://testserver/").text == "Hello"


async def test_asgi_transport():
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi_app))
    await client.get("http://testserver/")


def test_app_argument():
    client = httpx.Client(app=app)
    assert client.get("http://testserver/").text == "Hello"


def test_mock_transport_subclass():
    client = httpx.Client(transport=RecordingTransport(handler))
    assert client.get("http://example.org/").status_code == 200


def test_mock_transport_subclass_of_subclass():
    client = httpx.Client(transport=StrictRecordingTransport(handler))
    assert client.get("http://example.org/").status_code == 200
