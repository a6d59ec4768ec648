def test_engine(engine):
    assert engine["settings"]["debug"] is False
