import os
from unittest.mock import patch

resetenv = patch.dict(os.environ)
prefer_env = patch.dict("os.environ", {"PREFER": "env"})


def setup_function():
    resetenv.start()
    for var in ["APP_HOME", "APP_PATH"]:
        os.environ.pop(var, None)
    os.environ["APP_MODE"] = "test"


def teardown_function():
    resetenv.stop()


def test_covered_by_the_patcher_started_in_setup():
    os.environ["APP_MODE"] = "other"


def test_with_a_module_patcher():
    with prefer_env:
        os.environ["PREFER"] = "user"


class TestWithoutSetup:
    def setup_method(self):
        os.environ["CLASS_MODE"] = "1"  # expect: FXL301:9
