import sqlite3
import threading

import pytest


class TestNeverReleased:
    @pytest.fixture(autouse=True)
    def connect(self, tmp_path):
        self.conn = sqlite3.connect(tmp_path / "app.db")  # expect: FXL103:21

    def teardown_method(self, method):
        self.other = None

    def test_query(self):
        assert self.conn


class TestThreadNeverJoined:
    @pytest.fixture(autouse=True)
    def worker(self):
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.stopping.wait)  # expect: FXL103:23
        self.thread.start()

    def test_worker(self):
        assert self.thread.is_alive()
