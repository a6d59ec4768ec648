import pytest


@pytest.fixture(scope="session")
def app():
    return create_app()


def create_app():
    raise NotImplementedError


@pytest.fixture
def debug_app(app):
    app.config["DEBUG"] = True  # expect: FXL102:5
    return app
