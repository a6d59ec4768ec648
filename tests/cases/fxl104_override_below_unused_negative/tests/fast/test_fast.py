def test_fast(settings):
    assert settings["debug"]
