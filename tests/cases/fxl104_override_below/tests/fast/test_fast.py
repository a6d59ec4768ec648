def test_engine(engine, scratch):
    assert engine
