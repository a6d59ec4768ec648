import pytest

import mypkg.config as config


def test_handlers_are_reset_before_each_test():
    config.HANDLERS = ["console"]


class TestSwitchedOn:
    @pytest.fixture(autouse=True)
    def debug_on(self):
        config.DEBUG = True  # expect: FXL305:9

    def test_debug(self):
        assert config.DEBUG
