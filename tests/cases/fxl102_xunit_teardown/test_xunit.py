import pytest


@pytest.fixture(scope="class")
def config(request):
    request.cls.config = config = {"debug": False}
    return config  # noqa: FXL101


class TestRestored:
    def teardown_method(self):
        self.config["debug"] = False

    def test_debug(self, config):
        config["debug"] = True


class TestNotRestored:
    def teardown_method(self):
        self.config["other"] = 0

    def test_debug(self, config):
        config["debug"] = True  # expect: FXL102:9
