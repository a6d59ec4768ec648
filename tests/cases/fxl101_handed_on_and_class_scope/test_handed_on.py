import pytest


@pytest.fixture(scope="module")
def base_config():
    return {"debug": False}  # expect: FXL101:5


@pytest.fixture(scope="module")
def config(base_config):
    return base_config


def test_debug(config):
    config["debug"] = True  # expect: FXL102:5
    assert config["debug"]


def test_default(config):
    assert config["debug"] is False


class TestRows:
    @pytest.fixture(scope="class")
    def rows(self):
        return [1, 2]  # expect: FXL101:9

    def test_add(self, rows):
        rows.append(3)  # expect: FXL102:9
        assert len(rows) == 3

    def test_len(self, rows):
        assert len(rows) == 2
