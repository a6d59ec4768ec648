import pytest

from myproject import connect, create_app, make_cache, make_queue


@pytest.fixture(scope="session")
def db():
    return connect("sqlite://")


@pytest.fixture(scope="session")
def orm(db):
    return db.session()


@pytest.fixture(scope="session")
def store():
    return make_cache()


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def queue():
    return make_queue()
