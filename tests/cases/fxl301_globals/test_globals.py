import pytest

CALLS = 0
_cache = None


def test_rebinds_global():
    global CALLS
    CALLS += 1  # expect: FXL304:5


def test_assigns_and_deletes_global():
    global _cache
    _cache = {"a": 1}  # expect: FXL304:5


def test_local_of_the_same_name():
    CALLS = 5
    assert CALLS == 5


def test_global_in_nested_function_is_not_this_tests():
    def bump():
        global CALLS
        CALLS = 1

    assert callable(bump)


@pytest.fixture(scope="session")
def cached_client():
    global _cache
    if _cache is None:
        _cache = object()
    return _cache


def _remember(value):
    global _cache
    _cache = value
