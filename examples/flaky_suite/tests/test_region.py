def test_default_region(api_session):
    assert api_session["region"] == "eu"  # passes alone; fails after tests/api/test_client.py
