def test_read(settings):
    debug = settings["debug"]
    assert settings.get("timeout", 5) == 5
    assert sorted(settings.items())
    local = {}
    local["debug"] = debug
    local.update(settings)
