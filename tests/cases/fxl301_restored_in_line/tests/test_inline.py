import pytest

from mypkg import App


def test_registry_name_reuse():
    App.test_mode = False
    with pytest.raises(RuntimeError):
        App.register("test")
    App.test_mode = True


def test_startup_default_from_the_mixin():
    App.START_METHOD_SET = False
    App.start()


def test_not_put_back():
    App.test_mode = False  # expect: FXL305:5
    App.register("test")


def test_put_back_to_the_class_default_not_the_suite_baseline():
    App.test_mode = True
    App.register("test")
    App.test_mode = False  # expect: FXL305:5


def test_another_value_of_an_inherited_attribute():
    App.THRESHOLD = 1  # expect: FXL305:5
    App.START_METHOD_SET = True  # expect: FXL305:5
