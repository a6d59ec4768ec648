class BaseMethodsTests:
    def test_sort(self, data_for_sorting):
        assert sorted(data_for_sorting) == [1, 2, 3]

    def test_divmod(self, data, data_for_twos):
        assert divmod(data, data_for_twos)
