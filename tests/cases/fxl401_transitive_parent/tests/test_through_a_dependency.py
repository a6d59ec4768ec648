import pytest


@pytest.fixture(autouse=True)
def settings(base_settings):
    # reaches the `settings` it hides through `base_settings`: pytest hands a
    # dependency's request of `settings` the next definition up; deliberate
    return base_settings + ("module",)


def test_settings(settings):
    assert "base" in settings
