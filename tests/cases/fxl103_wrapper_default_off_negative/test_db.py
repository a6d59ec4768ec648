def test_db(db, raw):
    assert db and raw
