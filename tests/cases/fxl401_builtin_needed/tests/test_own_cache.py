import pytest


@pytest.fixture(params=[True, False])
def cache(request):
    # a parameter of the code under test that happens to share pytest's name; nothing
    # above this module requests `cache`, so nobody expected the built-in here
    return request.param


@pytest.fixture
def tmp_path(tmp_path):
    # extends the built-in: deliberate
    return tmp_path / "sub"


def test_cache(cache, workdir):
    assert cache in (True, False) and workdir
