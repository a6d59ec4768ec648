import os
import shutil
import tempfile

import pytest


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def scratch_file():
    fd, path = tempfile.mkstemp()
    os.close(fd)
    yield path
    os.unlink(path)


@pytest.fixture
def auto_deleted():
    with tempfile.NamedTemporaryFile() as handle:
        yield handle.name


@pytest.fixture
def deleted_on_close():
    return tempfile.NamedTemporaryFile(delete=True).name


@pytest.fixture
def tmp_dir_object():
    tmp = tempfile.TemporaryDirectory()
    yield tmp.name
    tmp.cleanup()


def test_paths(workdir, scratch_file, auto_deleted, deleted_on_close, tmp_dir_object):
    assert os.path.isdir(workdir)
