def test_b(client):
    assert client["backend"] == "disk"
