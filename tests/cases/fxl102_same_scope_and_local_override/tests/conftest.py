import pytest


@pytest.fixture(scope="session")
def engine():
    return make_engine()


def make_engine():
    raise NotImplementedError


@pytest.fixture(scope="session")
def seeded(engine):
    engine.rows.append("seed")
    return engine
