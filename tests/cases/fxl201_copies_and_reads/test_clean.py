import copy

import pytest


@pytest.mark.parametrize("data", [{"a": 1}, {"a": 2}])
def test_deepcopy_first(data):
    data = copy.deepcopy(data)
    data["b"] = 2


@pytest.mark.parametrize("items", [[1, 2]])
def test_read_only(items):
    assert sorted(items) == items
    total = []
    total.extend(items)


@pytest.mark.parametrize("items", [[1, 2]])
def test_rebound(items):
    items = items + [3]
    items.append(4)


@pytest.mark.parametrize("pair", [(1, 2), (3, 4)])
def test_tuples(pair):
    pair += (5,)


@pytest.mark.parametrize("a, b", [("x", 1), ("y", 2)])
def test_scalars(a, b):
    a += "z"
    b += 1


@pytest.fixture
def user(request):
    user = dict(request.param)
    user["active"] = True
    return user


@pytest.mark.parametrize("user", [{"name": "alice"}], indirect=True)
def test_user(user):
    user["name"] = "bob"
