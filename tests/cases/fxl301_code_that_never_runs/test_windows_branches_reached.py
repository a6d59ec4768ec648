import os
import signal
from unittest.mock import MagicMock

import pytest


def set_loop(loop):
    if os.name == "nt":
        signal.signal = MagicMock()  # expect: FXL305:9
    else:
        loop.add_signal_handler = MagicMock()


@pytest.mark.skipif(os.name == "nt", reason="hangs on Windows")
def test_register_signals():
    set_loop(MagicMock())


def test_everywhere():
    set_loop(MagicMock())


def test_not_skipped():
    if os.name == "nt":
        signal.SIGINT = 2  # expect: FXL305:9
