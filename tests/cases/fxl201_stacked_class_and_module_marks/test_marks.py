import pytest

pytestmark = pytest.mark.parametrize("seen", [set()])


@pytest.mark.parametrize("flag", [True, False])
@pytest.mark.parametrize("log", [[]])
def test_stacked(log, flag, seen):
    log.append(flag)  # expect: FXL201:5
    seen.add(flag)  # expect: FXL201:5


@pytest.mark.parametrize("config", [{"debug": False}])
class TestConfig:
    def test_one(self, config, seen):
        config["debug"] = True  # expect: FXL201:9

    def test_two(self, config, seen):
        assert not config["debug"]
