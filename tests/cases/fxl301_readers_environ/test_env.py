import os


def test_sets():
    os.environ["APP_MODE"] = "debug"  # expect: FXL301:5


def test_reads():
    assert os.getenv("APP_MODE") is None


def test_other():
    assert "APP_MODE" not in os.environ
