import os
from os import chdir

import pytest


def test_chdir(tmp_path):
    os.chdir(tmp_path)  # expect: FXL301:5


def test_imported_chdir(tmp_path):
    chdir(tmp_path)  # expect: FXL301:5


@pytest.fixture
def in_tmp(tmp_path):
    os.chdir(tmp_path)  # expect: FXL301:5
    return tmp_path


@pytest.fixture
def in_tmp_restored(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_restored_in_finally(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert os.getcwd() == str(tmp_path)
    finally:
        os.chdir(old)


def test_restored_at_the_end(tmp_path):
    previous = os.getcwd()
    os.chdir(tmp_path)
    assert os.listdir(".") == []
    os.chdir(previous)


def test_monkeypatch_chdir(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
