import pytest


@pytest.fixture(scope="session")
def base_app():
    return create_app()


def create_app():
    raise NotImplementedError


@pytest.fixture
def app(base_app):
    return base_app


@pytest.fixture
def fresh_app(base_app):
    return base_app.copy()


@pytest.fixture
def reset_app(base_app):
    yield base_app
    base_app.reset()
