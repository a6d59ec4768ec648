class BaseMethodsTests:
    def test_sort(self, data_for_sorting):
        assert sorted(data_for_sorting) == [1, 2, 3]

    def test_repeat(self, data, use_numpy):
        assert data * use_numpy
