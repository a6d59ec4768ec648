import os
import os as operating_system
from os import environ
from os import environ as env_alias

ENV = os.environ


def test_item_set():
    os.environ["API_URL"] = "http://localhost"  # expect: FXL301:5


def test_item_delete():
    del os.environ["HOME"]  # expect: FXL301:5


def test_methods():
    os.environ.update({"A": "1"})  # expect: FXL301:5
    os.environ.pop("B", None)  # expect: FXL301:5
    os.environ.setdefault("C", "3")  # expect: FXL301:5
    os.environ.clear()  # expect: FXL301:5
    os.environ.popitem()  # the whole environment again: its first change is the finding


def test_putenv_and_unsetenv():
    os.putenv("D", "4")  # expect: FXL301:5
    os.unsetenv("E")  # expect: FXL301:5


def test_rebinding():
    os.environ = {"F": "6"}  # expect: FXL301:5


def test_imported_names_and_aliases():
    environ["G"] = "7"  # expect: FXL301:5
    env_alias["H"] = "8"  # expect: FXL301:5
    operating_system.environ["I"] = "9"  # expect: FXL301:5
    ENV["J"] = "10"  # expect: FXL301:5


def test_local_alias():
    env = os.environ
    env["K"] = "11"  # expect: FXL301:5


def test_in_place_and_annotated():
    os.environ["PATH"] += ":/opt/bin"  # expect: FXL301:5
    os.environ["L"]: str = "12"  # expect: FXL301:5


def test_reads_are_fine():
    assert os.environ.get("HOME") is not None
    assert "PATH" in os.environ
    assert dict(os.environ)
