def test_id(fresh_id, entry):
    assert fresh_id >= 1 and entry == 1
