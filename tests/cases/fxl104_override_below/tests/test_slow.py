def test_engine(engine):
    assert engine
