def test_database(database):
    assert database == {}


def test_client(client, base_url):
    assert client and base_url
