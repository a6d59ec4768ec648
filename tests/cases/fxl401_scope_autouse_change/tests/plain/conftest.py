import pytest


@pytest.fixture(scope="session")
def database():
    # the same scope as the fixture it hides: a plain override (preview)
    return "mysql://"


@pytest.fixture(scope="session")
def connection(database):
    # the same scope as the fixture it hides, too
    return ("plain", database)


@pytest.fixture(scope="module")
def user(user):
    # requests the fixture it hides: extending it, whatever the scope
    return user.upper()
