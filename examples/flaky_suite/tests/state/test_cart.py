import pytest

BASKET = ["apples"]


def test_discount(prices):
    prices["apples"] = 0.25  # FXL102: the next test sees the discounted price
    assert prices["apples"] == 0.25


def test_restock(inventory):
    inventory.items["pears"] = 10  # FXL102: leaks into every later test of this module
    assert inventory.items["pears"] == 10


@pytest.mark.parametrize("retry", [1, 2])
@pytest.mark.parametrize("cart", [["pears"]])
def test_checkout(cart, retry):
    cart.append("apples")  # FXL201: the second retry starts with ["pears", "apples"]
    assert cart[-1] == "apples"


@pytest.mark.parametrize("first, second", [(BASKET, 1), (BASKET, 2)])  # FXL202: one list, two cases
def test_baskets(first, second):
    first.append("pears")  # FXL201: and the second case starts with it
    assert first[0] == "apples" and second


def test_sale(sale):
    assert sale["pears"] == 0.5
