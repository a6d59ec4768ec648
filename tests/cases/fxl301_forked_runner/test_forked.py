import os
import sys


def test_each_test_runs_in_its_own_fork():
    os.environ["MYAPP_DEBUG"] = "1"
    sys.path.insert(0, "/opt/plugins")
