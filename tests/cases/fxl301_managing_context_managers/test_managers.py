import os

import pandas as pd
import pytest

import myapp.settings
from myapp.testing import ensure_removed, override_settings


def test_option_context():
    with pd.option_context("mode.copy_on_write", False):
        pd.options.mode.copy_on_write = True


def test_manager_given_the_object():
    with ensure_removed(pd.Series, "fake"):
        setattr(pd.Series, "fake", 123)


def test_manager_given_the_keyword():
    with override_settings(DEBUG=False):
        myapp.settings.DEBUG = True


def test_manager_about_something_else():
    with override_settings(DEBUG=False):
        myapp.settings.LEVEL = 3  # expect: FXL305:9


def test_expected_to_fail():
    with pytest.raises(ValueError):
        pd.options.mode.string_storage = "foo"


def test_before_the_failing_statement():
    with pytest.raises(ValueError):
        os.environ["MODE"] = "x"  # expect: FXL301:9
        int("x")


def test_snapshot_restored(snapshot_factory):
    snapshot = snapshot_factory()
    os.environ["A"] = "1"
    snapshot.restore()
