import os
import sys

import pytest


@pytest.fixture
def rollback_sysmodules():
    saved = list(sys.modules)
    try:
        yield
    finally:
        for name in list(sys.modules):
            if name not in saved:
                sys.modules.pop(name)


@pytest.fixture
def clean_env():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "environ", dict(os.environ))
        yield
