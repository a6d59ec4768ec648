import pytest


@pytest.fixture(scope="session")
def app():
    return create_app()


def create_app():
    raise NotImplementedError


@pytest.fixture
def debug(app):
    old = app.debug
    app.debug = True
    yield app
    app.debug = old


@pytest.fixture
def extra_route(app):
    app.routes.append("/extra")
    yield
    app.routes.remove("/extra")


@pytest.fixture
def cleared(app):
    yield app
    app.cache.clear()
