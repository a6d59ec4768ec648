import pytest


class TestWorker:
    @pytest.fixture
    def default_worker_app(self, default_worker_app):
        """Overrides a plugin's fixture (one the tables do not know): the plugin's own
        fixtures request the name, and get this override."""
        default_worker_app.prefetch = 1
        return default_worker_app

    def test_worker(self, celery_setup):
        assert celery_setup
