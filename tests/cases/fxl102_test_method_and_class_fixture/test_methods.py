import pytest


@pytest.fixture(scope="session")
def registry():
    return make_registry()


def make_registry():
    raise NotImplementedError


class TestRegistry:
    @pytest.fixture(scope="class")
    def plugins(self, registry):
        registry.add("plugin")  # expect: FXL102:9
        return registry

    def test_register(self, registry):
        registry.clear()  # expect: FXL102:9
