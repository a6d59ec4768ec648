import pytest


@pytest.mark.parametrize("items", [[1, 2]])
def test_param_shadows_fixture(items):
    assert items


def test_nested_parameter(items):
    def grow(items):
        items.append(1)

    grow([])
    assert [len(i) for i in items]


def test_callback(items, request):
    request.addfinalizer(lambda: items.clear())


def test_comprehension_variable(items):
    [items.append(1) for items in ([], [])]
