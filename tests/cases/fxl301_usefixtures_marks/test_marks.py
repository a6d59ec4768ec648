import os
import sys

import pytest

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.mark.usefixtures("rollback_sysmodules")
def test_mark_on_test():
    sys.modules["target"] = None


@pytest.mark.usefixtures("rollback_sysmodules")
class TestMarkedClass:
    def test_in_class(self):
        sys.modules["other"] = None


def test_module_mark():
    os.environ["A"] = "1"


def test_not_covered():
    sys.modules["third"] = None  # expect: FXL301:5
