import pytest


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"a": "1"}, 1),
        pytest.param({"b": "2"}, 1, id="b"),
    ],
)
def test_headers(headers, expected):
    headers.pop("accept")  # expect: FXL201:5
    assert len(headers) == expected + 1


@pytest.mark.parametrize("payload", [pytest.param({"id": 1}, id="one")])
def test_payload(payload):
    del payload["id"]  # expect: FXL201:5
