# flake8: noqa
import pytest


@pytest.fixture
def a():
    return 3
