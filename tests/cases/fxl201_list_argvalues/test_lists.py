import pytest


@pytest.mark.parametrize("items", [[3, 1, 2], [5, 4]])
def test_sort(items):
    items.sort()  # expect: FXL201:5
    assert items[0] <= items[-1]


@pytest.mark.parametrize("items", [[1], [2]])
def test_extend(items):
    items += [0]  # expect: FXL201:5
    assert items[-1] == 0
