import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context

import pytest


class state:
    value = 0


def proc_init():
    state.value = 1


def worker_path(path):
    sys.path.append(path)
    return len(sys.path)


def child_env():
    os.environ["CHILD"] = "1"


def pool_init():
    os.environ["POOL"] = "1"


def thread_target():
    os.environ["THREAD"] = "1"  # expect: FXL301:5


def thread_init():
    state.value = 2  # expect: FXL304:5


def called_here_too():
    os.environ["BOTH"] = "1"  # expect: FXL301:5


@pytest.mark.parametrize("initializer, expected", [(None, 0), (proc_init, 1)])
def test_initializer(initializer, expected):
    assert state.value in (0, expected)


def test_pool_apply(tmp_path):
    with get_context().Pool(1) as pool:
        assert pool.apply(worker_path, args=(str(tmp_path),))


def test_process_target():
    process = multiprocessing.Process(target=child_env)
    process.start()
    process.join()


def test_executor_initializer():
    with ProcessPoolExecutor(initializer=pool_init) as executor:
        executor.submit(print, 1).result()
    with ProcessPoolExecutor() as executor:
        executor.submit(called_here_too).result()
    called_here_too()


def test_threads():
    thread = threading.Thread(target=thread_target)
    thread.start()
    thread.join()
    with ThreadPoolExecutor(initializer=thread_init) as executor:
        executor.submit(print, 1).result()
