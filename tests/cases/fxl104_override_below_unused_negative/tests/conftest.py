import pytest


@pytest.fixture(scope="session")
def settings():
    return {"debug": False}


@pytest.fixture(scope="session")
def engine(settings):
    # tests/fast overrides `settings` with a narrower one, but no test there uses `engine`
    return {"settings": settings}
