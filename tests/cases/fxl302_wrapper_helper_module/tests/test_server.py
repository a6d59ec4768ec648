import pytest

from tests.helpers.server import listen_on, start_default, start_free, start_on, start_server
from tests.helpers import server as helpers


@pytest.fixture
def live(app):
    start_server(app)  # expect: FXL302:5
    yield app


@pytest.fixture
def app():
    return object()


def test_default_port(app):
    start_default(app)  # expect: FXL302:5


def test_through_the_module(app):
    helpers.start_server(app)  # expect: FXL302:5


def test_free_port_wrapper(app):
    start_free(app)


def test_free_port_passed(app, unused_tcp_port):
    start_on(app, unused_tcp_port)


def test_port_zero_passed(app):
    start_on(app, 0)


def test_fixed_port_passed(app):
    start_on(app, port=8081)  # expect: FXL302:5


def test_live(live):
    assert live


def test_backlog_is_not_a_port(sock):
    listen_on(sock)
    listen_on(sock, 5)
