def test_today(today):
    assert today.year
