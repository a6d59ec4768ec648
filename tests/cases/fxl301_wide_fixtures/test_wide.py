import os

import pytest


@pytest.fixture(scope="module")
def module_env():
    os.environ["MODE"] = "module"  # expect: FXL301:5
    yield "module"


class TestGroup:
    @pytest.fixture(scope="class")
    def class_env(self):
        os.environ["MODE"] = "class"  # expect: FXL301:9
        return "class"

    def test_mode(self, class_env):
        assert os.environ["MODE"] == class_env


@pytest.fixture(scope="module")
def module_env_restored():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MODE", "module")
        yield "module"


@pytest.fixture(scope="module")
def module_env_restored_by_hand():
    old = os.environ.get("MODE")
    os.environ["MODE"] = "module"
    yield "module"
    if old is None:
        del os.environ["MODE"]
    else:
        os.environ["MODE"] = old
