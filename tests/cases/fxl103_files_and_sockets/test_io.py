import socket

import pytest


@pytest.fixture
def log_file(tmp_path):
    return open(tmp_path / "log.txt", "w")  # expect: FXL103:12


@pytest.fixture
def listener():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # expect: FXL103:12
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock


def test_io(log_file, listener):
    log_file.write("x")
