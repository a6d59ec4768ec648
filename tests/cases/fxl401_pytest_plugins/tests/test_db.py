def test_connection(connection):
    assert connection
