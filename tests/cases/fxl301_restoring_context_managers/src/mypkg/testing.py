import os
import sys
from contextlib import contextmanager


@contextmanager
def environ_restored():
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@contextmanager
def path_restored():
    saved = list(sys.path)
    try:
        yield
    finally:
        sys.path[:] = saved


@contextmanager
def announced():
    print("start")
    yield
    print("end")
