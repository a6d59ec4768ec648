def test_debug(debug_app):
    assert debug_app.config["DEBUG"]
