import pytest


class Inventory:
    """Stands in for an ORM session or an app object: expensive, so built once."""

    def __init__(self):
        self.items = {"apples": 3}
        self.closed = False


@pytest.fixture(scope="session")
def prices():
    return {"apples": 0.5, "pears": 0.75}  # FXL101: every test shares this one dict


@pytest.fixture(scope="module")
def inventory():
    return Inventory()
