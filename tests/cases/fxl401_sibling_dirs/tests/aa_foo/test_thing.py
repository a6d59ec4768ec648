def test_thing(thing):
    assert thing == 2
