import json
import socket
from contextlib import ExitStack, closing

import pytest


@pytest.fixture
def log_file(tmp_path):
    with open(tmp_path / "log.txt", "w") as handle:
        yield handle


@pytest.fixture
def config(tmp_path):
    # the file is read and closed; only the data leaves the fixture
    with open(tmp_path / "config.json", "w") as handle:
        handle.write("{}")
    with open(tmp_path / "config.json") as handle:
        return json.load(handle)


@pytest.fixture
def handles(tmp_path):
    with ExitStack() as stack:
        first = stack.enter_context(open(tmp_path / "a", "w"))
        second = stack.enter_context(open(tmp_path / "b", "w"))
        yield first, second


@pytest.fixture
def listener():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock


@pytest.fixture
def pair(request):
    left, right = socket.socketpair()
    request.addfinalizer(left.close)
    request.addfinalizer(right.close)
    return left, right


def test_io(log_file, config, handles, listener, pair):
    assert config == {}
