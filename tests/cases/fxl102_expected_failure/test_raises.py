import pytest


@pytest.fixture(scope="module")
def config():
    return {"debug": False}  # noqa: FXL101


def test_rejects_write(config):
    with pytest.raises(TypeError):
        config["debug"] = object()


def test_write_outside_raises(config):
    with pytest.raises(KeyError):
        config["missing"]
    config["debug"] = True  # expect: FXL102:5


def test_reads(config):
    assert config["debug"] in (False, True)
