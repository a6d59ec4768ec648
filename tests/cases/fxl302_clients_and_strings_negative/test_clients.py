import socket
from urllib.parse import urlparse

import requests
import responses

DATABASE_URL = "postgresql://user@db:5432/app"
SETTINGS = {"host": "localhost", "port": 6379}


def test_url_parsing():
    assert urlparse("http://localhost:8080/path").port == 8080


@responses.activate
def test_mocked_http():
    responses.add(responses.GET, "http://localhost:8080/health", json={"ok": True})
    assert requests.get("http://localhost:8080/health").json() == {"ok": True}


def test_config_string():
    assert DATABASE_URL.endswith(":5432/app")
    assert SETTINGS["port"] == 6379


def test_client_connects_to_external_service():
    with socket.create_connection(("localhost", 6379), timeout=0.1) as sock:
        sock.sendall(b"PING\r\n")


def test_client_socket_connect():
    sock = socket.socket()
    sock.connect(("127.0.0.1", 8080))
    sock.close()


def test_listen_backlog():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(5)
