def test_try_finally(app):
    app.config["X"] = 1
    try:
        assert app.config["X"] == 1
    finally:
        del app.config["X"]


def test_finally_only(app):
    try:
        assert app
    finally:
        app.cache.clear()
