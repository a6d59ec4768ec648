import os
import tempfile
from tempfile import NamedTemporaryFile, mkdtemp

import pytest


@pytest.fixture
def workdir():
    path = mkdtemp()  # expect: FXL103:12
    return path


@pytest.fixture
def scratch_file():
    fd, path = tempfile.mkstemp()  # expect: FXL103:16
    os.write(fd, b"data")
    return path


@pytest.fixture
def kept_file():
    handle = NamedTemporaryFile(delete=False)  # expect: FXL103:14
    return handle.name


@pytest.fixture
def tmp_dir_object():
    return tempfile.TemporaryDirectory()  # expect: FXL103:12


def test_paths(workdir, scratch_file, kept_file, tmp_dir_object):
    assert os.path.isdir(workdir)
