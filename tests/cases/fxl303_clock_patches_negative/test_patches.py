import datetime
import time
from unittest import mock


@mock.patch("app.models.datetime")
def test_patch_decorator(fake_datetime):
    assert datetime.datetime.now()


def test_patch_context():
    with mock.patch("time.time", return_value=0):
        assert time.time() == 0


def test_monkeypatch(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 0)
    assert time.time() == 0


def test_mocker(mocker):
    mocker.patch("app.clock.now")
    assert datetime.date.today()
