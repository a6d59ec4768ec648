"""Tests that change the process or an imported module and never change it back."""
import logging
import os
import sys

import pytest


def test_debug_flag_turns_on_verbose_logging():
    os.environ["APP_DEBUG"] = "1"
    logging.raiseExceptions = False
    assert os.environ["APP_DEBUG"] == "1"


def test_config_is_read_from_the_working_directory(tmp_path):
    (tmp_path / "app.toml").write_text("name = 'demo'\n")
    os.chdir(tmp_path)
    assert os.path.exists("app.toml")


@pytest.fixture(scope="module")
def plugin_path():
    sys.path.insert(0, "/opt/app/plugins")
    yield "/opt/app/plugins"


def test_plugins_are_importable(plugin_path):
    assert sys.path[0] == plugin_path


def test_debug_flag_restored_by_monkeypatch(monkeypatch):
    monkeypatch.setenv("APP_DEBUG", "1")
    assert os.environ["APP_DEBUG"] == "1"


SEEN_USERS = []


def test_signup_records_the_user():
    global SEEN_USERS
    SEEN_USERS = ["ada"]  # FXL304 (preview): the next test passes only after this one


def test_the_user_list_is_shown():
    assert SEEN_USERS == ["ada"]
