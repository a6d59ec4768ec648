import pytest


class Inventory:
    """Stands in for an ORM session or an app object: expensive, so built once."""

    def __init__(self):
        self.items = {"apples": 3}
        self.closed = False


@pytest.fixture(scope="session")
def prices():
    return {"apples": 0.5, "pears": 0.75}  # FXL101: one dict for every test, and `sale` changes it


@pytest.fixture
def sale(prices):
    prices["pears"] = 0.5  # FXL102: every later test pays the sale price
    return prices


@pytest.fixture(scope="module")
def inventory():
    return Inventory()


@pytest.fixture
def empty_cart():  # FXL403: no test below tests/state asks for it, so they share whatever cart is left
    return []
