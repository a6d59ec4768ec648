import os
import sys

import pytest

import myapp.settings


def test_monkeypatch_calls(monkeypatch, tmp_path):
    monkeypatch.setenv("A", "1")
    monkeypatch.delenv("B", raising=False)
    monkeypatch.setattr(myapp.settings, "DEBUG", True)
    monkeypatch.setattr("myapp.settings.LEVEL", 3)
    monkeypatch.setitem(sys.modules, "fake", object())
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)


def test_direct_write_after_monkeypatch_saved_it(monkeypatch, tmp_path):
    monkeypatch.setenv("A", "1")
    os.environ["A"] = "2"
    monkeypatch.setattr(myapp.settings, "DEBUG", True)
    myapp.settings.DEBUG = False
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.path.append("/extra")


def test_direct_write_before_monkeypatch_is_not_saved(monkeypatch):
    os.environ["A"] = "0"  # expect: FXL301:5
    monkeypatch.setenv("A", "1")


def test_other_key_is_not_saved(monkeypatch):
    monkeypatch.setenv("A", "1")
    os.environ["B"] = "2"  # expect: FXL301:5


def test_monkeypatch_context():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("A", "1")
        mp.setattr(myapp.settings, "DEBUG", True)
        os.environ["A"] = "3"
