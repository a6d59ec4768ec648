import pytest


@pytest.fixture
def database():  # expect: FXL401:1
    return "postgresql://"


@pytest.fixture(scope="module")
def user():  # expect: FXL401:1
    return "bob"


@pytest.fixture
def reset_clock():  # expect: FXL401:1
    return None


@pytest.fixture(autouse=True)
def settings():  # expect: FXL401:1
    return ("verbose",)
