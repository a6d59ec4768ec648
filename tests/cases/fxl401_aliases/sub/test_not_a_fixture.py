import functools


@functools.lru_cache()
def db():
    return {}


def api():
    return None


def test_db():
    assert db() == {}
