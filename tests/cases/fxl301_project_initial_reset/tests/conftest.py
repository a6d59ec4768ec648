import pytest

import mypkg.config as config


@pytest.fixture(autouse=True)
def fresh_handlers():
    config.HANDLERS = []
