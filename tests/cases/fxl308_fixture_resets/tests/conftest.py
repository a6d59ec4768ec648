import pytest


@pytest.fixture
def patching(monkeypatch):
    def patch(target, value):
        monkeypatch.setattr(target, value)

    return patch
