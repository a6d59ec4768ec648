def test_all(db, closed_db, finalized_db, managed_db):
    assert db and closed_db and finalized_db and managed_db
