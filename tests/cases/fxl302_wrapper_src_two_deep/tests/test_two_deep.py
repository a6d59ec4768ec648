import pytest

from myapp import run_app
from myapp.testing import run_app_on


@pytest.fixture(scope="session")
def app_socket():
    sock = run_app()  # expect: FXL302:12
    yield sock
    sock.close()


def test_fixed(app_socket):
    assert app_socket


def test_passed_through_two_calls():
    run_app_on(9001).close()  # expect: FXL302:5


def test_free_through_two_calls():
    run_app_on(0).close()
