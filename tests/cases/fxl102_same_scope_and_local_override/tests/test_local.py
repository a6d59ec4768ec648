import pytest


@pytest.fixture
def engine(engine):
    return engine.child()


def test_engine(engine):
    engine.rows.append("row")
