import subprocess
import sys

import pytest


@pytest.fixture
def output():
    proc = subprocess.Popen([sys.executable, "-c", "print(1)"], stdout=subprocess.PIPE)
    out, _ = proc.communicate()
    return out


@pytest.fixture
def sleeper():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    proc.kill()
    proc.wait()


@pytest.fixture
def finished():
    return subprocess.run([sys.executable, "-c", "print(1)"], check=True)


def test_jobs(output, sleeper, finished):
    assert output
