import os
import unittest

import pytest

import myapp.settings as settings


def test_write_that_is_expected_to_fail():
    with pytest.raises(AttributeError):
        settings.FROZEN = 1


def test_write_before_the_failing_call_happens():
    with pytest.raises(ValueError):
        settings.DEBUG = True  # expect: FXL305:9
        settings.validate()


class TestUnittestStyle(unittest.TestCase):
    def test_assert_raises_block(self):
        with self.assertRaises(KeyError):
            del os.environ["MYAPP_NEVER_SET"]
