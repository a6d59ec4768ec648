import pytest


@pytest.fixture
def user(request):
    user = request.param
    user["tags"].append("active")  # expect: FXL201:5
    return user
