import sqlite3
import tarfile
import tempfile
import zipfile

import duckdb

import pytest


@pytest.fixture
def archive(tmp_path):
    return zipfile.ZipFile(tmp_path / "a.zip", "w")  # expect: FXL103:12


@pytest.fixture
def tar(tmp_path):
    return tarfile.open(tmp_path / "a.tar", "w")  # expect: FXL103:12


@pytest.fixture
def file_db(tmp_path):
    conn = sqlite3.connect(tmp_path / "app.db")  # expect: FXL103:12
    return conn


@pytest.fixture
def spooled():
    handle = tempfile.SpooledTemporaryFile(max_size=1024)  # expect: FXL103:14
    return handle


@pytest.fixture
def memory_db():
    # Python 3.13+ warns about an unclosed connection, even an in-memory one
    conn = sqlite3.connect(":memory:")  # expect: FXL103:12
    return conn


@pytest.fixture
def duckdb_file(tmp_path):
    return duckdb.connect(str(tmp_path / "app.duckdb"))  # expect: FXL103:12


def test_disk(archive, tar, file_db, spooled, memory_db, duckdb_file):
    assert file_db
