def test_verbose(pytestconfig):
    pytestconfig.option.verbose = 2  # expect: FXL102:5
