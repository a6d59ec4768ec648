import pytest


@pytest.mark.parametrize("name", ["maybe" + "_used"])
def test_by_name(request, name):
    assert request.getfixturevalue(name) == 1
