import pytest


@pytest.fixture
def workdir(tmp_path):
    # written for pytest's tmp_path: a fresh directory per test
    return tmp_path / "work"


@pytest.fixture(autouse=True)
def quiet(capsys):
    yield
    capsys.readouterr()
