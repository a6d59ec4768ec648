import pytest


def launch(app, port):
    # binds what its caller passes: each call with a fixed number is a fixed-port site
    app.run(host="127.0.0.1", port=port)


def serve_default(app, port=5005):
    app.run(port=port)


def bound_here(app):
    app.run(port=5006)  # expect: FXL302:18


@pytest.fixture
def server(app):
    return launch(app, 5001)  # expect: FXL302:12


@pytest.fixture
def string_port_server(app):
    return launch(app, port="5002")  # expect: FXL302:12


@pytest.fixture
def app():
    return object()
