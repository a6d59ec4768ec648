def test_thing(thing):
    assert thing == 1
