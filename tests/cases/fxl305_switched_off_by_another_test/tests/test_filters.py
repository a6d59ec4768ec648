from mypkg import settings


def test_filtering_on():
    settings.IGNORE_UNKNOWN = True  # expect: FXL305:5
    assert settings.get("IGNORE_UNKNOWN")


def test_filtering_off_again():
    settings.IGNORE_UNKNOWN = False
    assert not settings.get("IGNORE_UNKNOWN")


def test_switched_off_where_nothing_switches_it_on():
    settings.VERBOSE = False  # expect: FXL305:5
    assert not settings.get("VERBOSE")


def test_patched_on(monkeypatch):
    monkeypatch.setattr(settings, "COLOR", "always")


def test_color_off():
    settings.COLOR = None
