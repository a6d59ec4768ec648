import mypkg.config as config
from mypkg.config import Limits


def test_puts_back_the_value_the_module_starts_with():
    config.DEBUG = True
    assert config.DEBUG
    config.DEBUG = False


def test_resetting_alone_is_not_a_change():
    config.NAME = "default"
    setattr(config, "DEBUG", False)
    Limits.RETRIES = 3


def test_another_value_is_a_change():
    config.NAME = "custom"  # expect: FXL305:5
    Limits.RETRIES = 5  # expect: FXL305:5
