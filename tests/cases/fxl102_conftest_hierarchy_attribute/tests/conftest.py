import pytest


class User:
    def __init__(self, name):
        self.name = name


@pytest.fixture(scope="module")
def user():
    return User("alice")
