import os

import pytest

from helpers.base import ProjectTestCase


class TestFromElsewhere(ProjectTestCase):
    def test_chdir(self):
        os.chdir("/")


class RestoresCwd:
    @pytest.fixture(autouse=True)
    def keep_cwd(self):
        old = os.getcwd()
        yield
        os.chdir(old)


class TestRestoredByBase(RestoresCwd):
    def test_chdir(self):
        os.chdir("/")


class Plain:
    pass


class TestPlainBase(Plain):
    def test_chdir(self):
        os.chdir("/")  # expect: FXL301:9
