def test_base_url(client):
    assert client["base_url"].startswith("https://")


def test_region(api_session):
    assert api_session["region"] == "us"  # passes alone, fails after a test outside tests/api
