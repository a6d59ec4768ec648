def test_reads(settings, retries):
    assert settings["retries"] == retries
