import pytest


class TestUnits:
    @pytest.fixture(params=["s", "ms", "us", "ns"])
    def unit(self, request):  # expect: FXL401:5
        return request.param

    def test_unit(self, unit):
        assert unit
