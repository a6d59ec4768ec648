from myapp import testing


def test_start_server():
    server = testing.start_server(port=9100)  # expect: FXL302:40
    server.stop()


def test_serve(app):
    app.serve(port=9101)  # expect: FXL302:20


def test_other_call(client):
    client.get(port=9102)
