import pytest
from http.server import BaseHTTPRequestHandler, HTTPServer


def test_fixed(port):
    server = HTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)  # expect: FXL302:39
    server.server_close()


def test_free(free_port):
    server = HTTPServer(("127.0.0.1", free_port), BaseHTTPRequestHandler)
    server.server_close()


@pytest.mark.parametrize("port", [8081, 8082])
def test_parametrized(port):
    server = HTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)  # expect: FXL302:39
    server.server_close()


@pytest.mark.parametrize("host, port", [("127.0.0.1", 0), ("localhost", 0)])
def test_parametrized_zero(host, port):
    server = HTTPServer((host, port), BaseHTTPRequestHandler)
    server.server_close()
