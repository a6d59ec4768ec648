import os
import sys


def test_env_is_restored_by_autouse_fixture():
    os.environ["A"] = "1"


def test_path_is_not_covered():
    sys.path.append("/x")  # expect: FXL301:5
