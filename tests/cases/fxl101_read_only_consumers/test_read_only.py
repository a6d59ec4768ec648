import json

import pytest


@pytest.fixture(scope="session")
def settings():
    return {"debug": False, "retries": 3}


@pytest.fixture(scope="module")
def codes():
    return [502, 503, 504]


@pytest.fixture
def merged(settings):
    options = dict(settings)
    options["debug"] = True
    return options


def test_retries(settings):
    assert settings["retries"] == 3


def test_dump(settings, codes):
    assert json.loads(json.dumps(settings)) == settings and 502 in codes


def test_merged(merged, codes):
    extended = codes + [505]
    assert merged["debug"] and len(extended) == 4
