"""Process state changed by stdlib calls, and files left at fixed paths."""
import logging
import os


def test_quiet_logs():
    logging.disable(logging.CRITICAL)  # FXL306 (preview): every later test logs nothing


def test_export():
    with open("export.csv", "w") as f:  # FXL307 (preview): left in the working directory
        f.write("a,b\n")


def test_no_export_yet():
    assert not os.path.exists("export.csv")
