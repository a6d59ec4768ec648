import logging

import myapp.settings
from myapp import config as app_config
from myapp.models import User


class Registry:
    handlers = []


DEFAULTS = Registry()


def test_imported_module_attribute():
    myapp.settings.DEBUG = True  # expect: FXL305:5


def test_imported_object_and_class():
    app_config.timeout = 1  # expect: FXL305:5
    User.table = "users_test"  # expect: FXL305:5


def test_module_level_class_and_object():
    Registry.handlers = ["x"]  # expect: FXL304:5
    DEFAULTS.level = 3  # expect: FXL304:5


def test_setattr_delattr_and_del():
    setattr(logging, "raiseExceptions", False)  # expect: FXL305:5
    delattr(User, "cache")  # expect: FXL305:5
    del myapp.settings.SECRET  # expect: FXL305:5


def test_in_place():
    myapp.settings.RETRIES += 1  # expect: FXL305:5


def test_function_local_import():
    import json

    json.decoder = None  # expect: FXL305:5


def test_saved_and_restored():
    original = myapp.settings.DEBUG
    myapp.settings.DEBUG = True
    try:
        assert myapp.settings.DEBUG
    finally:
        myapp.settings.DEBUG = original


def test_getattr_saved_and_restored_at_the_end():
    old = getattr(User, "table")
    User.table = "tmp"
    assert User.table == "tmp"
    User.table = old


def test_item_writes_on_module_objects_are_not_attribute_writes():
    myapp.settings.FLAGS["beta"] = True


def test_written_twice_reported_once():
    myapp.settings.MODE = "a"  # expect: FXL305:5
    myapp.settings.MODE = "b"


def test_attributes_of_the_object_it_put_there():
    myapp.settings.client = object.__new__(Registry)  # expect: FXL305:5
    myapp.settings.client.timeout = 3
    myapp.settings.client.retry.count = 1
