import pytest


class TestApi:
    @pytest.fixture
    def client(self, client):
        return {**client, "class": True}

    def test_client(self, client):
        assert client["class"]
