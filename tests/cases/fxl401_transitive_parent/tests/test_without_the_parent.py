import pytest


@pytest.fixture(autouse=True)
def settings():  # expect: FXL401:1
    return ("module",)


@pytest.fixture(scope="module")
def token(settings_name):  # expect: FXL401:1
    return settings_name


@pytest.fixture(scope="module")
def settings_name():
    return "name"


def test_settings(settings, token):
    assert settings and token
