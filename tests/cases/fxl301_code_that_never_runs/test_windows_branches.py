import os
import signal
import sys
from unittest.mock import MagicMock

import pytest


def set_loop(loop):
    if os.name == "nt":
        signal.signal = MagicMock()
    else:
        loop.add_signal_handler = MagicMock()


@pytest.mark.skipif(os.name == "nt", reason="hangs on Windows")
def test_register_signals():
    set_loop(MagicMock())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX only")
def test_posix_only():
    if sys.platform == "win32":
        signal.SIGINT = 2
    assert True
