import copy
import time
from datetime import date, datetime, timedelta, timezone


def test_filler_argument(make_event):
    event = make_event(name="launch", created=datetime.now())
    assert event.name == "launch"


def test_filler_constructor(Model):
    obj = Model(timestamp=time.time())
    assert obj.save() == 1


def test_round_trip(parse, fmt):
    now = datetime.now()
    assert parse(fmt(now)) == now


def test_offset_round_trip_through_an_attribute(catalog):
    localized = copy.deepcopy(catalog)
    fake_rev_date = datetime.now() - timedelta(days=5)
    localized.revision_date = fake_rev_date
    localized.update(catalog)
    assert localized.revision_date == fake_rev_date


def test_full_resolution_equality(event):
    # two readings never share a microsecond: this passes or fails whatever the date
    assert event.created != datetime.now()


def test_stored_then_read_twice(Series):
    ser = Series([1, 2, 3], index=["Date", "b", "other"], dtype=object)
    ser["Date"] = date.today()
    assert ser.Date == date.today()
    assert ser["Date"] == date.today()


def test_presence_and_type():
    stamp = datetime.now()
    assert stamp is not None
    assert stamp
    assert not not datetime.now()
    assert isinstance(stamp, datetime)


def test_time_zone():
    assert datetime.now().tzinfo is None
    assert datetime.now(timezone.utc).utcoffset() == timedelta(0)


def test_same_reading_on_both_sides(get_datetime, Arrow):
    timestamp = time.time()
    today = date.today()
    assert get_datetime(timestamp) == Arrow.utcfromtimestamp(timestamp).datetime
    assert today.strftime("%Y-%m-%d") == today.isoformat()


def test_isoformat_round_trip(parser):
    dt = datetime.now(timezone.utc)
    assert parser.parse_iso(dt.isoformat()) == dt
