import os

from mypkg.utils import strtobool

WARN_NO_CONFIG = strtobool(os.environ.get("WARN_NO_CONFIG", False))
LEVEL = int(os.getenv("LEVEL", 3))
NAME = os.environ.get("APP_NAME", "app")
