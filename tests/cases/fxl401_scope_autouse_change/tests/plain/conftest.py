import pytest


@pytest.fixture(scope="session")
def database():
    # the same scope as the fixture it hides: a plain override (preview)
    return "mysql://"


@pytest.fixture(scope="session")
def connection(database):  # expect: FXL104:1
    # the same scope as the fixture it hides, too; but test_plain.py's function-scoped
    # `database` is what it gets there: pytest's ScopeMismatch (checked under pytest)
    return ("plain", database)


@pytest.fixture(scope="module")
def user(user):  # expect: FXL104:1
    # requests the fixture it hides: extending it (no FXL401), but a module-scoped
    # fixture cannot use the function-scoped one it extends (FXL104)
    return user.upper()
