import os
import sys

import pytest


@pytest.fixture(scope="session", autouse=True)
def utc_everywhere():
    os.environ["TZ"] = "UTC"


@pytest.fixture(scope="session")
def vendored_path():
    sys.path.insert(0, "/opt/vendor")  # expect: FXL301:5
    return "/opt/vendor"


@pytest.fixture(scope="package", autouse=True)
def package_flag():
    os.environ["PKG"] = "1"  # expect: FXL301:5
