def test_base_url(client):
    assert client["base_url"].startswith("https://")
