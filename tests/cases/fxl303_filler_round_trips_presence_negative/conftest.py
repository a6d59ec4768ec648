import time

import pytest


@pytest.fixture
def pot_file(tmp_path):
    # a unique file name: the reading is a token, never compared with a clock
    return tmp_path / f"po-{time.time()}.pot"
