import pytest

from tests.helpers import clients
from tests.helpers.clients import cache, closing_pg, connect, memory_db, pg, pg_session


@pytest.fixture(scope="session")
def database():
    return pg("postgresql://localhost/test")  # expect: FXL103:12


@pytest.fixture
def redis_client():
    client = clients.cache()  # expect: FXL103:14
    yield client


@pytest.fixture
def redis_closed():
    client = cache()
    yield client
    client.close()


@pytest.fixture
def in_memory():
    return memory_db()


@pytest.fixture
def session():
    with pg_session("postgresql://localhost/test") as conn:
        yield conn


@pytest.fixture
def closing():
    with closing_pg("postgresql://localhost/test") as conn:
        yield conn


@pytest.fixture
def settings():
    return connect({"dsn": "postgresql://localhost/test"})


@pytest.fixture
def already_closed():
    return clients.pg_that_closes("postgresql://localhost/test")


def test_all(database, redis_client, redis_closed, in_memory, session, closing, settings, already_closed):
    assert database
