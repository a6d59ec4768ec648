import shutil
import sqlite3
import tempfile
import threading

import pytest


class TestReleasedInTeardownMethod:
    @pytest.fixture(autouse=True)
    def connect(self, tmp_path):
        self.conn = sqlite3.connect(tmp_path / "app.db")

    def teardown_method(self, method):
        self.conn.close()

    def test_query(self):
        assert self.conn.execute("select 1").fetchone() == (1,)


class TestReleasedInTeardownClass:
    @pytest.fixture(scope="class", autouse=True)
    def workdir(self, request):
        request.cls.workdir = tempfile.mkdtemp()

    @classmethod
    def teardown_class(cls):
        shutil.rmtree(cls.workdir)

    def test_workdir(self):
        assert self.workdir


class StoppableWorker:
    def teardown_method(self, method):
        # the loop only ends when the flag is set: a `join()` after the fixture's
        # `yield` would hang; the class stops and joins it
        self.stopping.set()
        self.thread.join()


class TestReleasedInBaseClass(StoppableWorker):
    @pytest.fixture(autouse=True)
    def worker(self):
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.stopping.wait)
        self.thread.start()

    def test_worker(self):
        assert self.thread.is_alive()


class TestSetupMethod:
    def setup_method(self, method):
        self.conn = sqlite3.connect(tempfile.gettempdir() + "/setup.db")

    def teardown_method(self, method):
        self.conn.close()

    def test_query(self):
        assert self.conn


@pytest.fixture(autouse=True)
def module_conn(request, tmp_path):
    request.instance.module_conn = sqlite3.connect(tmp_path / "module.db")


class TestReleasedForModuleFixture:
    def tearDown(self):
        self.module_conn.close()

    def test_conn(self):
        assert self.module_conn
