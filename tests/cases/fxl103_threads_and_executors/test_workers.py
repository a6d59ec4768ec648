import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Process

import pytest


def work():
    pass


@pytest.fixture
def worker():
    thread = threading.Thread(target=work)  # expect: FXL103:14
    thread.start()
    yield thread


@pytest.fixture
def child():
    proc = Process(target=work)  # expect: FXL103:12
    proc.start()
    return proc


@pytest.fixture
def pool():
    return ThreadPoolExecutor(max_workers=2)  # expect: FXL103:12


def test_workers(worker, child, pool):
    assert pool.submit(work).result() is None
