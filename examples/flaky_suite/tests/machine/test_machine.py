import datetime
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.request import urlopen

WEBHOOK_PORT = 8089


class Ok(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


def test_webhook_is_delivered():
    server = HTTPServer(("127.0.0.1", WEBHOOK_PORT), Ok)  # FXL302: another worker holds 8089
    threading.Thread(target=server.handle_request, daemon=True).start()
    with urlopen(f"http://127.0.0.1:{WEBHOOK_PORT}/") as response:
        assert response.status == 200
    server.server_close()


def test_order_is_placed_today(orders_db):
    orders_db.execute("insert into orders (placed_on) values (date('now'))")
    (placed_on,) = orders_db.execute("select placed_on from orders").fetchone()
    assert placed_on == datetime.date.today().isoformat()  # FXL303: fails near midnight (UTC vs local)
