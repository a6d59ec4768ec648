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
    sys.argv = ["prog", "--verbose"]  # expect: FXL301:5
