import os

import myapp


def test_removes_what_the_code_under_test_set():
    myapp.configure()
    assert os.environ["MYAPP_CONFIGURED"] == "1"
    del os.environ["MYAPP_CONFIGURED"]


def test_pops_what_it_read():
    myapp.configure()
    assert os.getenv("MYAPP_CONFIGURED") == "1"
    os.environ.pop("MYAPP_CONFIGURED", None)


def test_removing_a_variable_it_never_saw_changes_the_environment():
    del os.environ["HOME"]  # expect: FXL301:5
    assert myapp.home() is None


def test_setting_then_removing_is_judged_at_the_set():
    os.environ["MYAPP_MODE"] = "fast"
    assert myapp.mode() == "fast"
    del os.environ["MYAPP_MODE"]
