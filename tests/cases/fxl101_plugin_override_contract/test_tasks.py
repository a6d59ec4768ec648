def test_app(celery_app):
    assert celery_app.conf.broker_url == "memory://"
