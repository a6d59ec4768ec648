import pytest


@pytest.fixture(scope="module")
def app():
    return create_app()


def create_app():
    raise NotImplementedError


def test_saved_and_written_back(app):
    old = app.debug
    app.debug = True
    assert app
    app.debug = old


def test_copy_written_back(app):
    saved = app.config.copy()
    app.config["X"] = 1
    app.config = saved


def test_not_written_back(app):
    old = app.debug
    app.debug = True  # expect: FXL102:5
    app.timeout = old
