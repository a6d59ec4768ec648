# Without preview: wrappers and the new table entries are not reported yet.
import sqlite3

import pytest

from helpers import make_db


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "app.db")


@pytest.fixture
def raw(tmp_path):
    return sqlite3.Connection(tmp_path / "app.db")
