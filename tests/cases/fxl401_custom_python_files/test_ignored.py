import pytest


# test_*.py is not test code under this python_files: never judged
@pytest.fixture
def value():
    return 3
