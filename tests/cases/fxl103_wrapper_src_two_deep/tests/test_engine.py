import pytest

from myapp import open_engine


@pytest.fixture(scope="module")
def engine():
    return open_engine()  # expect: FXL103:12


@pytest.fixture(scope="module")
def disposed_engine():
    engine = open_engine()
    yield engine
    engine.dispose()


def test_engines(engine, disposed_engine):
    assert engine is not disposed_engine
