import pytest


@pytest.fixture(scope="session")
def registry():
    return set()  # noqa: FXL101


class TestRegistry:
    @pytest.fixture(scope="class")
    def plugins(self, registry):
        registry.add("plugin")  # expect: FXL102:9
        return registry

    def test_register(self, registry):
        registry.clear()  # expect: FXL102:9

    def test_plugins(self, plugins):
        assert plugins
