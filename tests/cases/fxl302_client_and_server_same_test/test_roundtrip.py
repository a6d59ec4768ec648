import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests


def test_roundtrip():
    server = HTTPServer(("127.0.0.1", 8090), BaseHTTPRequestHandler)  # expect: FXL302:39
    threading.Thread(target=server.handle_request, daemon=True).start()
    requests.get("http://127.0.0.1:8090/", timeout=5)
    with socket.create_connection(("127.0.0.1", 8090)):
        pass
    server.server_close()
