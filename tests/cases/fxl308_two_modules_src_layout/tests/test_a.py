from pkg.api import setup_thing
from pkg import registry


def test_setup():
    setup_thing()  # expect: FXL308:5


def test_lookup():
    assert registry.lookup("thing") is None
