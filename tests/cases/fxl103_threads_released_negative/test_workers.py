import threading
from concurrent.futures import ThreadPoolExecutor

import pytest


def work():
    pass


@pytest.fixture
def worker():
    thread = threading.Thread(target=work)
    thread.start()
    yield thread
    thread.join(timeout=5)


@pytest.fixture
def not_started():
    return threading.Thread(target=work)


@pytest.fixture
def pool():
    with ThreadPoolExecutor(max_workers=2) as executor:
        yield executor


@pytest.fixture
def pool_finalized(request):
    executor = ThreadPoolExecutor(max_workers=2)
    request.addfinalizer(lambda: executor.shutdown(wait=True))
    return executor


def test_workers(worker, not_started, pool, pool_finalized):
    assert pool.submit(work).result() is None
