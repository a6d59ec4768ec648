def test_api(database, user, settings):
    assert database and user and settings
