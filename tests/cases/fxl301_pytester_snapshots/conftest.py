import pytest


@pytest.fixture
def pytester(pytester, monkeypatch):
    monkeypatch.setenv("PYTEST_ADDOPTS", "")
    return pytester
