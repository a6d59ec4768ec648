import pytest


@pytest.fixture
def user(request):
    user = request.param
    user["active"] = True
    return user
