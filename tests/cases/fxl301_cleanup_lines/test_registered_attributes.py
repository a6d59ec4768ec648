import xarray as xr


def test_register():
    @xr.register_dataset_accessor("demo")
    class DemoAccessor:
        def __init__(self, xarray_obj):
            self._obj = xarray_obj

    assert xr.Dataset().demo
    del xr.Dataset.demo


def test_delete_what_was_not_registered():
    del xr.Dataset.plot  # expect: FXL305:5
