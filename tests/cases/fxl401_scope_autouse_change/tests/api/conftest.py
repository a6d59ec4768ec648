import pytest


@pytest.fixture
def database():
    # narrower than the session fixture it hides: a fresh value per test shares
    # nothing, and a wider fixture needing it fails loudly (ScopeMismatch)
    return "postgresql://"


@pytest.fixture(scope="module")
def user():  # expect: FXL401:1
    return "bob"


@pytest.fixture
def reset_clock():
    # switches the inherited autouse fixture off for this directory: deliberate
    return None


@pytest.fixture
def seed_random():  # expect: FXL401:1
    return 42


@pytest.fixture(autouse=True)
def settings():  # expect: FXL401:1
    return ("verbose",)
