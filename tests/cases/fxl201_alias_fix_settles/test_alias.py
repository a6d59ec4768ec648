import pytest


@pytest.mark.parametrize("items", [[3, 1, 2]])
def test_through_alias(items):
    view = items
    view.append(4)  # expect: FXL201:5
    assert len(view) == 4


@pytest.mark.parametrize("items", [[3, 1, 2]])
def test_copied_then_aliased(items):
    items = list(items)
    view = items
    view.append(4)
    assert len(view) == 4
