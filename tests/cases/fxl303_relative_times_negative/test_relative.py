import time
import unittest
from datetime import datetime, timedelta, timezone

from freezegun import freeze_time


def test_an_hour_ago():
    assert time.time() - 3600 > 0


def test_expiry_sent_to_a_server(client):
    expires_at = int((datetime.now() + timedelta(seconds=1)).timestamp())
    client.expireat("key", expires_at)


def test_rebound_name(client):
    t = time.time()
    assert time.time() - t < 5
    t = time.time()
    client.send(str(t + 2))


def test_smoke_format(formatter):
    assert formatter.format(datetime.now(timezone.utc))
    instant = datetime.now()
    assert formatter.format(instant, width="full")


def test_freeze_at_a_stored_instant(formatter):
    frozen_instant = datetime.now(timezone.utc)
    with freeze_time(frozen_instant):
        assert formatter.format() == formatter.format(frozen_instant)


class TestLoop(unittest.TestCase):
    def test_wakeup(self):
        self.start_time = time.time()
        self.assertAlmostEqual(time.time(), self.start_time, places=2)

    def test_stored_on_self(self):
        self.stop_time = time.time()
        delta = time.time() - self.stop_time
        self.assertLess(delta, 0.1)


def test_round_trip(response):
    now = datetime.now(timezone.utc).replace(microsecond=0)
    response.expires = now
    assert response.expires == now


def test_round_trip_through_a_container(table):
    stamp = datetime.now()
    row = {"name": "Cleo", "created": str(stamp)}
    row_id = table.insert(row)
    assert table.get(row_id) == row


def test_input_only(app):
    app.state["last_reload"] = [1, time.time()]
    assert app.restart_needed() is False


def test_bracket_across_and(article):
    then = datetime.utcnow()
    article.save()
    assert article.created >= then and article.created <= datetime.utcnow()


def test_only_the_kind_of_value(frame_class):
    frame = frame_class([datetime.now(), datetime.now()])
    assert frame[0].dtype == "M8[ns]"
    stamp = datetime.now(timezone.utc)
    assert stamp.tzinfo is timezone.utc
    assert isinstance(datetime.now(), datetime)
