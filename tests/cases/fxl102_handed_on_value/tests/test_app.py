def test_shared(app):
    app.debug = True  # expect: FXL102:5


def test_copy(fresh_app):
    fresh_app.debug = True


def test_reset_after(reset_app):
    reset_app.debug = True
