import pytest


@pytest.fixture
def data():
    return [3, 1, 2]


@pytest.fixture(params=[True, False])
def use_numpy(request):
    """Requested only by the shared tests, run through the subclasses below."""
    return request.param
