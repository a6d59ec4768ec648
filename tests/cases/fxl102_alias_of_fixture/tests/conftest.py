import pytest


@pytest.fixture(scope="module")
def tree():
    return build_tree()


def build_tree():
    raise NotImplementedError
