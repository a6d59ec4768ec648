from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import TCPServer, BaseRequestHandler

PORT = 7986
ADDRESS = ("127.0.0.1", 7987)
NEXT = PORT + 1


def test_http_server():
    server = HTTPServer(("127.0.0.1", PORT), BaseHTTPRequestHandler)  # expect: FXL302:39
    server.server_close()


def test_tcp_server():
    server = TCPServer(ADDRESS, BaseRequestHandler)  # expect: FXL302:24
    server.server_close()


def test_local_constant():
    port = 8123
    server = HTTPServer(("", port), BaseHTTPRequestHandler)  # expect: FXL302:30
    server.server_close()


def test_computed():
    server = HTTPServer(("", NEXT), BaseHTTPRequestHandler)  # expect: FXL302:30
    server.server_close()
