def test_a(client):
    assert client[1] == "root"
