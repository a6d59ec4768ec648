import pytest


def pick_scope(fixture_name, config):
    return "function"


@pytest.fixture(scope="session")
def config():
    return ("a",)


@pytest.fixture
def per_test(config, request, tmp_path_factory):
    return config


@pytest.fixture(scope=pick_scope)
def dynamic(per_test):
    return per_test


@pytest.fixture(scope="module")
def narrow_override_requests_wider(config):
    return config


@pytest.fixture(scope="session")
def uses_session_builtins(tmp_path_factory, pytestconfig):
    return tmp_path_factory
