import unittest
from os.path import *  # noqa: F403  a library's star import: no test class of ours comes from it

import pytest


@pytest.fixture
def connection():  # expect: FXL403:1
    # bases from the standard library and builtins give no tests: still reported
    return object()


class TestPlain(object):
    def test_plain(self):
        assert True


class TestCaseStyle(unittest.TestCase):
    def test_case(self):
        assert True


class TestError(Exception):
    def test_error(self):
        assert True
