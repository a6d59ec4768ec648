import pytest


@pytest.fixture(scope="package")
def catalog():
    return {name: len(name) for name in ("a", "bb")}  # expect: FXL101:5
