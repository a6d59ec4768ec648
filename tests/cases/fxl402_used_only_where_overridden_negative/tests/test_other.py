def test_other(backend):
    assert backend == "memory"
