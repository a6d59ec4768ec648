import datetime

from freezegun import freeze_time


def test_after_block():
    with freeze_time("2024-01-31"):
        frozen = datetime.date.today()
    assert datetime.date.today() != frozen  # expect: FXL303:12


def test_before_block():
    real = datetime.date.today()  # expect: FXL303:12
    with freeze_time("2024-01-31"):
        assert datetime.date.today() != real


def test_start_stop():
    freezer = freeze_time("2024-01-31")
    before = datetime.date.today()  # expect: FXL303:14
    freezer.start()
    during = datetime.date.today()
    freezer.stop()
    after = datetime.date.today()  # expect: FXL303:13
    assert before == after != during


def test_freeze_at_now():
    with freeze_time(datetime.datetime.now()):
        assert datetime.date.today() == datetime.datetime.now().date()
