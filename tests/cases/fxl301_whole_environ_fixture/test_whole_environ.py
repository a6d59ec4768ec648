import os
import unittest

import pytest


@pytest.mark.usefixtures("os_environ")
class TranslationsTestCase(unittest.TestCase):
    def setUp(self):
        os.environ["LANG"] = "en_US.UTF-8"

    def test_lang(self):
        assert os.environ["LANG"]


@pytest.mark.usefixtures("cleared_environ")
class ClearedTestCase(unittest.TestCase):
    def setUp(self):
        os.environ["HOME"] = "/tmp"

    def test_home(self):
        assert os.environ["HOME"]


def test_env_copy(os_environ):
    os.environ["MODE"] = "x"


@pytest.mark.usefixtures("lang")
class OtherKeyTestCase(unittest.TestCase):
    def setUp(self):
        os.environ["LC_ALL"] = "C"  # expect: FXL301:9

    def test_lc(self):
        assert os.environ["LC_ALL"]


@pytest.mark.usefixtures("os_environ")
class TestSetupMethod:
    def setup_method(self):
        # runs as an autouse fixture, before the usefixtures fixture
        os.environ["LANG"] = "en_US.UTF-8"  # expect: FXL301:9

    def test_lang(self):
        assert os.environ["LANG"]
