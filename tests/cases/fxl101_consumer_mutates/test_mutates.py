import pytest


@pytest.fixture(scope="session")
def settings():
    return {"debug": False, "retries": 3}  # expect: FXL101:5


@pytest.fixture(scope="module")
def codes():
    codes = [502, 503]
    yield codes  # expect: FXL101:5


@pytest.fixture
def debug_settings(settings):
    settings["debug"] = True  # expect: FXL102:5
    return settings


def test_debug(debug_settings):
    assert debug_settings["debug"]


def test_retries(settings):
    assert settings["retries"] == 3


@pytest.mark.parametrize("extra", [504, 505])
def test_extra(codes, extra):
    codes.append(extra)  # expect: FXL102:5
    assert extra in codes
