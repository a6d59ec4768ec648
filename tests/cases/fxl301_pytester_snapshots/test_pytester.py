import os
import sys


def test_chdir_under_pytester(pytester):
    sub = pytester.mkdir("sub")
    os.chdir(sub)
    sys.path.insert(0, str(sub))
    sys.modules["plugin"] = None


def test_testdir(testdir):
    os.chdir(testdir.tmpdir)


def test_environment_is_not_snapshotted(pytester):
    os.environ["PYTEST_DEBUG"] = "1"  # expect: FXL301:5
