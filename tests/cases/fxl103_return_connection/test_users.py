def test_insert(db):
    db.execute("insert into users values ('ada')")
