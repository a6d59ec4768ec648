import somelib

import mypkg.dynamic as dynamic
from mypkg import App


def test_resets_an_attribute_nothing_reads_any_more():
    App._uvloop_setting = None  # Reset the setting (changed in prev tests)


def test_changes_an_attribute_the_class_reads():
    App.timeout = 1  # expect: FXL305:5


def test_changes_an_attribute_a_base_class_reads():
    App.retries = 5  # expect: FXL305:5


def test_sets_what_another_test_reads():
    App._marker = "x"  # expect: FXL305:5


def test_reads_the_marker():
    assert App._marker == "x"


def test_a_library_outside_the_project_may_read_anything():
    somelib._put_lines = print  # expect: FXL305:5


def test_a_module_that_computes_attributes():
    dynamic.extra = 1  # expect: FXL305:5
