import pytest


@pytest.fixture
def tmp_path():  # expect: FXL401:1
    return "/tmp/shared"


@pytest.fixture
def mocker():  # expect: FXL401:1
    return None


@pytest.fixture(scope="session")
def django_db_setup():
    pass


@pytest.fixture
def freezer():
    # pytest-freezer is not a dependency of this project: no fixture to shadow
    return None


@pytest.fixture
def loop():
    # aiohttp's plugin loads only through pytest_plugins, which this project doesn't use
    return None
