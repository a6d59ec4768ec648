from mypkg import config


def test_switched_on_then_back_to_the_default():
    config.WARN_NO_CONFIG = True
    assert config.WARN_NO_CONFIG
    config.WARN_NO_CONFIG = False


def test_reset_to_the_defaults():
    config.LEVEL = 3
    config.NAME = "app"


def test_other_values_are_changes():
    config.LEVEL = 5  # expect: FXL305:5
    config.NAME = "other"  # expect: FXL305:5
    config.WARN_NO_CONFIG = True  # expect: FXL305:5
