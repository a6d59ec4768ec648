import os
import sys
from unittest import mock
from unittest.mock import patch

import myapp.settings


@mock.patch.dict(os.environ, {"A": "1"})
def test_decorator_patch_dict():
    os.environ["B"] = "2"


@patch.dict("os.environ", clear=True)
def test_decorator_patch_dict_by_name():
    os.environ["B"] = "2"


def test_context_patch_dict():
    with mock.patch.dict(os.environ):
        os.environ["C"] = "3"


def test_started_patcher():
    patcher = mock.patch.dict(sys.modules, {"fake": None})
    patcher.start()
    sys.modules["other"] = None
    patcher.stop()


@mock.patch.object(myapp.settings, "DEBUG", False)
def test_patch_object():
    myapp.settings.DEBUG = True


@patch("myapp.settings.LEVEL", 1)
def test_patch_by_name():
    myapp.settings.LEVEL = 2


def test_mocker(mocker):
    mocker.patch.dict(os.environ, {"A": "1"})
    os.environ["A"] = "2"


@mock.patch.dict(os.environ, {"A": "1"})
class TestPatchedClass:
    def test_write(self):
        os.environ["D"] = "4"


def test_patch_of_another_target_does_not_cover():
    with mock.patch.dict(sys.modules):
        os.environ["E"] = "5"  # expect: FXL301:9
