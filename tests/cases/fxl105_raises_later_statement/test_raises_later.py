import socket

import pytest


def test_connect_refused(host="127.0.0.1", port=1):
    with pytest.raises(OSError):
        new_sock = socket.socket()  # expect: FXL105:20
        new_sock.connect((host, port))
