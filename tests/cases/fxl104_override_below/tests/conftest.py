import pytest


@pytest.fixture(scope="session")
def settings():
    return ("sqlite",)


@pytest.fixture(scope="session")
def engine(settings):  # expect: FXL104:1
    return settings


@pytest.fixture(scope="module")
def scratch(tmp_path):  # expect: FXL104:1
    return tmp_path
