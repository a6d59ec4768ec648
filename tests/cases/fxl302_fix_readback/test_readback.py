import socket
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests


def test_server_reads_port_back():
    server = HTTPServer(("127.0.0.1", 8123), BaseHTTPRequestHandler)  # expect: FXL302:39
    host, port = server.server_address
    assert port
    server.server_close()


def test_socket_reads_port_back():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 8124))  # expect: FXL302:33
        port = sock.getsockname()[1]
        assert port


def test_number_used_elsewhere():
    server = HTTPServer(("127.0.0.1", 8125), BaseHTTPRequestHandler)  # expect: FXL302:39
    port = server.server_port
    requests.get("http://127.0.0.1:8125/", timeout=1)
    assert port == 8125
    server.server_close()
