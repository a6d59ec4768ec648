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


def test_ordering_against_one_reading(blob):
    start = time.time()
    assert start > 1_600_000_000
    assert blob.custom_time >= datetime.utcnow()


def test_nested_smoke_and_receiver(timezone_utils):
    assert timezone_utils.to_local(timezone_utils.make_aware(datetime.now(timezone.utc)))
    retry = timezone_utils.Retry(when=datetime.now(timezone.utc))
    assert retry.humanize()


def test_identity_round_trip(parse):
    now = datetime.now()
    assert parse(now) is now


def test_offset_round_trip(app, inspect):
    exec_time = datetime.now(timezone.utc) + timedelta(seconds=5)
    app.apply_async(eta=exec_time)
    assert inspect.scheduled() == [{"eta": exec_time.isoformat()}]


def test_other_properties_of_an_object(Task):
    task = Task(uuid="id", received=time.time() - 10, succeeded=time.time())
    assert sorted(task.info().keys()) == ["received", "succeeded", "uuid"]


def test_object_built_from_relative_time(User, fields_set):
    user = User(name="bob", last_seen=datetime.now() - timedelta(days=1))
    assert fields_set(user) == {"name", "last_seen"}
