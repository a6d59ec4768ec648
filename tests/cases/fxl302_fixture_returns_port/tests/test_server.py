from http.server import BaseHTTPRequestHandler, HTTPServer


def test_fixed(port):
    server = HTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)  # expect: FXL302:39
    server.server_close()


def test_free(free_port):
    server = HTTPServer(("127.0.0.1", free_port), BaseHTTPRequestHandler)
    server.server_close()
