import io
import sys

import flask
from flask import g


def test_std_streams():
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()


def test_context_locals(app):
    with app.app_context():
        g.user = "alice"
        flask.session.permanent = True


def test_other_sys_attributes():
    sys.argv = ["prog", "--verbose"]  # expect: FXL305:5


def test_code_run_by_someone_else(selenium, run_in_pyodide):
    @run_in_pyodide
    def in_the_browser(selenium):
        import urllib3.contrib.emscripten.fetch

        urllib3.contrib.emscripten.fetch.is_cross_origin_isolated = lambda: False

    def plain_nested():
        sys.ps1 = ">>> "  # expect: FXL305:9

    plain_nested()
    in_the_browser(selenium)
