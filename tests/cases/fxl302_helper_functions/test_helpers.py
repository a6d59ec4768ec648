import socket
from http.server import BaseHTTPRequestHandler, HTTPServer


def start_server():
    return HTTPServer(("127.0.0.1", 8300), BaseHTTPRequestHandler)  # expect: FXL302:37


class TestServer:
    def setup_method(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 8301))  # expect: FXL302:38

    def teardown_method(self):
        self.sock.close()

    def test_bound(self):
        assert self.sock
