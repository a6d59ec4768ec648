import os

import pytest


@pytest.fixture(autouse=True)
def restore_environment():
    saved = os.environ.copy()
    yield
    os.environ.clear()
    os.environ.update(saved)
