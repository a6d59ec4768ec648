import pytest

SESSION = "session"


@pytest.fixture(scope=SESSION)
def database():
    return "sqlite://"


@pytest.fixture
def user():
    return "alice"


@pytest.fixture(autouse=True)
def reset_clock():
    yield
    # restores the clock after each test


@pytest.fixture
def settings():
    return ("debug",)


@pytest.fixture(scope="session")
def connection(database):
    return ("conn", database)


@pytest.fixture(autouse=True)
def seed_random():
    yield
    # restores the random state after each test
