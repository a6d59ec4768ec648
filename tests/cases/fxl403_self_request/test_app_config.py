import pytest


@pytest.fixture
def app_config(app_config):  # expect: FXL403:1
    # extends the conftest's fixture, but no test here requests it
    return {**app_config, "debug": True}


def test_nothing():
    assert True
