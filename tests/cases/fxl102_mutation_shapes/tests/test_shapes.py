import random


def test_item(db):
    db["users"] = []  # expect: FXL102:5


def test_del_item(db):
    del db["users"]  # expect: FXL102:5


def test_slice(db):
    db.rows[1:] = []  # expect: FXL102:5


def test_del_attribute(db):
    del db.cache  # expect: FXL102:5


def test_augmented_item(db):
    db.counters["hits"] += 1  # expect: FXL102:5


def test_method(db):
    assert db.rows.pop() is not None
    db.rows.extend([1])  # expect: FXL102:5


def test_chain(db):
    db.tables[0].rows.append({"id": 1})  # expect: FXL102:5


def test_shuffle(db):
    random.shuffle(db.rows)  # expect: FXL102:5


def test_setattr(db):
    setattr(db, "readonly", True)  # expect: FXL102:5


def test_first_only(db):
    db.flags["a"] = 1  # expect: FXL102:5
    db.flags["b"] = 2
