import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")


def pytest_configure(config):
    os.environ["APP_ENV"] = "test"


def _add_vendor_dir():
    sys.path.append("/opt/vendor")


_add_vendor_dir()


def enable_debug():
    os.environ["APP_DEBUG"] = "1"  # expect: FXL301:5


def reset_debug():
    os.environ.pop("APP_DEBUG", None)
