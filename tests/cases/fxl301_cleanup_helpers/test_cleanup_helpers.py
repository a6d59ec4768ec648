import os
import sys
from os import environ


def clean_environ(prefix):
    keys = [k for k in environ if k.startswith(prefix)]
    for key in keys:
        environ.pop(key)


def unset_env(name):
    os.environ.pop(name, None)


def drop_plugin(name):
    sys.modules.pop(name, None)


def test_prefix_cleaned_between_steps():
    environ["APP_DATABASES__default__ENGINE"] = "other"
    clean_environ("APP_DATABASES")
    environ["APP_DATABASES__default__PORT"] = "99"
    clean_environ("APP_")


def test_named_key_forgotten():
    os.environ["APP_MODE"] = "x"
    unset_env("APP_MODE")
    sys.modules["fake_plugin"] = object()
    drop_plugin("fake_plugin")


def test_other_prefix():
    environ["OTHER_VALUE"] = "1"  # expect: FXL301:5
    clean_environ("APP_")


def test_other_name():
    os.environ["APP_LEVEL"] = "x"  # expect: FXL301:5
    unset_env("APP_MODE")


def test_set_again_after_the_last_cleanup():
    environ["APP_DATABASES"] = "{a=1}"
    clean_environ("APP_DATABASES")
    environ["APP_DATABASES"] = "@del"  # expect: FXL301:5


def test_cleanup_before_the_write():
    clean_environ("APP_")
    environ["APP_X"] = "1"  # expect: FXL301:5
