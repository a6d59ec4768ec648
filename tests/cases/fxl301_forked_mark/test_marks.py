import os

import pytest


@pytest.mark.forked
def test_runs_in_a_child_process():
    os.environ["MYAPP_DEBUG"] = "1"


def test_runs_in_the_main_process():
    os.environ["MYAPP_DEBUG"] = "1"  # expect: FXL301:5
