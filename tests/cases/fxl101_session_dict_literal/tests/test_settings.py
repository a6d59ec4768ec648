def test_reads(settings):
    assert settings["retries"] == 3
