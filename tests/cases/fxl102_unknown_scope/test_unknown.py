import pytest


def dynamic_scope(fixture_name, config):
    return "session"


@pytest.fixture(scope=dynamic_scope)
def store():
    return make_store()


def make_store():
    raise NotImplementedError


def test_store(store, undefined_elsewhere):
    store.clear()
    undefined_elsewhere.append(1)
