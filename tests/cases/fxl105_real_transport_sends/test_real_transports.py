import httpx


class RetryingTransport(httpx.HTTPTransport):
    pass


def test_http_transport_sends(url="http://127.0.0.1:8000"):
    client = httpx.Client(transport=httpx.HTTPTransport(retries=2))  # expect: FXL105:14
    assert client.get(url).status_code == 200


def test_subclass_of_a_real_transport(url="http://127.0.0.1:8000"):
    client = httpx.Client(transport=RetryingTransport())  # expect: FXL105:14
    assert client.get(url).status_code == 200


def test_default_transport_sends(url="http://127.0.0.1:8000"):
    client = httpx.Client()  # expect: FXL105:14
    assert client.get(url).status_code == 200
