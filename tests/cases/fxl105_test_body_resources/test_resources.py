import contextlib
import socket
import sqlite3
import subprocess
import sys


def test_connection(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.db")  # expect: FXL105:12
    conn.execute("SELECT 1")


def test_file(tmp_path):
    f = open(tmp_path / "a.txt", "w")  # expect: FXL105:9
    f.write("x")


def test_socket():
    sock = socket.socket()  # expect: FXL105:12
    assert sock.fileno() > 0


def test_process():
    subprocess.Popen([sys.executable, "-c", "pass"])  # expect: FXL105:5


class TestStored:
    def test_stored(self, tmp_path):
        self.conn = sqlite3.connect(tmp_path / "b.db")  # expect: FXL105:21
        self.conn.execute("SELECT 1")


def test_with_block(tmp_path):
    with open(tmp_path / "a.txt", "w") as f:
        f.write("x")


def test_finally(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.db")
    try:
        conn.execute("SELECT 1")
    finally:
        conn.close()


def test_closing(tmp_path):
    with contextlib.closing(sqlite3.connect(tmp_path / "a.db")) as conn:
        conn.execute("SELECT 1")


def test_inline_read(tmp_path):
    assert open(tmp_path / "a.txt").read() == "x"


def test_process_waited():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()


class TestTornDown:
    def teardown_method(self):
        self.conn.close()

    def test_stored(self, tmp_path):
        self.conn = sqlite3.connect(tmp_path / "b.db")
        self.conn.execute("SELECT 1")


def test_cleanup_registered(request, tmp_path):
    conn = sqlite3.connect(tmp_path / "c.db")
    request.addfinalizer(conn.close)
