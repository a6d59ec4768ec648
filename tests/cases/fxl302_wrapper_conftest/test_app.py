from conftest import bound_here, launch, serve_default

PORT = 5003


def test_keyword(app):
    launch(app, port=PORT)  # expect: FXL302:5


def test_default_of_the_wrapper(app):
    serve_default(app)  # expect: FXL302:5


def test_given_port_overrides_the_default(app, unused_tcp_port):
    serve_default(app, port=unused_tcp_port)


def test_already_reported_in_conftest(app):
    bound_here(app)  # the conftest line is the finding, not each caller


def test_servers(server, string_port_server):
    assert server is None and string_port_server is None
