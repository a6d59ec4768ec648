import datetime

NOW_AT_IMPORT = "not a call site in a test"


def make_order():
    return {"placed": datetime.datetime.now()}


class Helper:
    def stamp(self):
        return datetime.date.today()


def test_order_has_a_stamp(freezer):
    assert make_order()["placed"]
