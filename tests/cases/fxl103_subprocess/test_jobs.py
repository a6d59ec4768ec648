def test_sleeper(sleeper, background_job):
    assert sleeper.poll() is None
