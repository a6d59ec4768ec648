import os
import unittest


class EnvTest(unittest.TestCase):
    def setUp(self):
        self.old = os.environ.get("MODE")
        os.environ["MODE"] = "test"
        self.addCleanup(os.environ.pop, "MODE", None)

    def test_mode(self):
        self.assertEqual(os.environ["MODE"], "test")


class LeakyTest(unittest.TestCase):
    def setUp(self):
        os.environ["LEAK"] = "1"  # expect: FXL301:9

    def test_leak(self):
        os.environ["LEAK2"] = "1"  # expect: FXL301:9


def setup_module():
    os.environ["MODULE_MODE"] = "1"


def teardown_module():
    os.environ.pop("MODULE_MODE", None)
