from pathlib import Path
from tempfile import TemporaryDirectory

import pytest


@pytest.fixture
def socket_path(tmp_path):
    # a nested def the fixture calls itself is a helper, not a factory it hands out
    def make_tmp_dir(base):
        return TemporaryDirectory(dir=str(base), prefix="pt-")

    with make_tmp_dir(tmp_path) as tmpd:
        yield str(Path(tmpd) / "unix.sock")


def test_socket_path(socket_path):
    assert socket_path.endswith(".sock")
