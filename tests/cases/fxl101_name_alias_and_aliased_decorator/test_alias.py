import pytest as pt
from pytest import fixture as fx


@pt.fixture(scope="module", name="users")
def make_users():
    return ["alice", "bob"]  # expect: FXL101:5


@fx(scope="session")
def options():
    return dict(verbose=True)  # expect: FXL101:5


def test_users(users, options):
    assert "alice" in users and options["verbose"]
