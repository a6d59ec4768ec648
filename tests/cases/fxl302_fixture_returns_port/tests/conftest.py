import pytest

SERVER_PORT = 8765


@pytest.fixture
def port():
    return SERVER_PORT


@pytest.fixture
def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
