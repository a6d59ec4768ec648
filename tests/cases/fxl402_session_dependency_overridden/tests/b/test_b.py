def test_b(client):
    assert client[1] == "b"
