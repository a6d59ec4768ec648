import pytest


@pytest.fixture
def settings():
    return ("debug",)


@pytest.fixture
def base_settings(settings):
    return settings + ("base",)


@pytest.fixture
def token():
    return "secret"
