import io
import subprocess
import tarfile
import tempfile
import zipfile
from unittest import mock

import duckdb
import pytest


@pytest.fixture
def archive():
    # a ZipFile over a BytesIO buffer holds nothing but memory
    return zipfile.ZipFile(io.BytesIO(b"PK\x05\x06" + b"\x00" * 18))


@pytest.fixture
def writer():
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w")
    return archive


@pytest.fixture
def tar_over_buffer():
    # the TarFile does not own the file object it is given
    return tarfile.open(fileobj=io.BytesIO(), mode="w")


@pytest.fixture
def memory_duckdb():
    # DuckDB without a database file is in memory: no file, no lock
    return duckdb.connect()


@pytest.fixture
def spooled():
    # without max_size a SpooledTemporaryFile never rolls over to a file
    handle = tempfile.SpooledTemporaryFile()
    return handle


@pytest.fixture
def fake_process():
    with mock.patch("subprocess.Popen"):
        proc = subprocess.Popen(["server"])
        yield proc


@pytest.fixture
def patched_popen(monkeypatch):
    fake = mock.MagicMock()
    monkeypatch.setattr(subprocess, "Popen", fake)
    return subprocess.Popen(["server"])


def test_memory(archive, writer, tar_over_buffer, memory_duckdb, spooled, fake_process, patched_popen):
    assert memory_duckdb.execute("select 1").fetchone() == (1,)
