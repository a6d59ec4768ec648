import pytest


class TestCatalog:
    @pytest.fixture(scope="class")
    def rows(self):
        return [0] * 3  # expect: FXL101:9

    def test_rows(self, rows, catalog):
        assert len(rows) == 3 and catalog["a"] == 1
