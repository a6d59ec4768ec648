import datetime as dt
import time


def utc_now():
    return dt.datetime.now(dt.timezone.utc)


def local_now():
    now = utc_now()
    return now.astimezone()


def today():
    return local_now().date()


def stamp():
    return int(time.time())


def fixed_now():
    return dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def now_or(given=None):
    if given is not None:
        return given
    return utc_now()
