import time
from datetime import datetime


def test_elapsed():
    start = time.time()
    sum(range(100))
    elapsed = time.time() - start
    assert elapsed < 5


def test_deadline():
    deadline = time.time() + 5
    while time.time() < deadline:
        break


def test_datetime_elapsed():
    started = datetime.now()
    assert (datetime.now() - started).total_seconds() < 5


def test_bracketed_timestamp():
    start = datetime.now()
    stamp = datetime.now()
    assert start <= stamp <= datetime.now()
