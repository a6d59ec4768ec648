import pytest


@pytest.fixture
def tmp_path():  # expect: FXL401:1
    return "/tmp/shared"


def test_workdir(workdir):
    assert workdir
