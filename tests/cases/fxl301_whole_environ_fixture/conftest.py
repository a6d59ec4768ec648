import os
from unittest import mock

import pytest


@pytest.fixture
def os_environ(monkeypatch):
    mock_environ = dict(os.environ)
    monkeypatch.setattr(os, "environ", mock_environ)
    return mock_environ


@pytest.fixture
def cleared_environ():
    with mock.patch.dict(os.environ, clear=True):
        yield


@pytest.fixture
def lang(monkeypatch):
    monkeypatch.setenv("LANG", "C")
