from unittest import mock

import myapp.settings as settings


def test_patched_attribute_is_guarded():
    with mock.patch.object(settings, "DEBUG", True):
        settings.DEBUG = False


def test_other_attribute_of_a_patched_object_is_not():
    with mock.patch.object(settings, "DEBUG", True):
        settings.NAME = "x"  # expect: FXL305:9


def test_dotted_patch_guards_its_attribute_only():
    with mock.patch("myapp.settings.DEBUG", True):
        settings.DEBUG = False
        settings.NAME = "x"  # expect: FXL305:9


def test_monkeypatch_guards_its_attribute_only(monkeypatch):
    monkeypatch.setattr(settings, "DEBUG", True)
    settings.DEBUG = False
    settings.NAME = "x"  # expect: FXL305:5
