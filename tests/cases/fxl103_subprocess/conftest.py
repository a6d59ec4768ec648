import subprocess
import sys

import pytest


@pytest.fixture
def sleeper():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # expect: FXL103:12
    return proc


@pytest.fixture
def background_job():
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # expect: FXL103:5
    yield
