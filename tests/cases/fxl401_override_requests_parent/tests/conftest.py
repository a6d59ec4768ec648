import pytest


@pytest.fixture
def client():
    return {"url": "https://example.invalid"}


@pytest.fixture
def tmp_path(tmp_path):
    return tmp_path / "sub"
