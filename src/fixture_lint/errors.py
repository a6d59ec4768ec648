"""The error every face reports as a configuration problem (exit 2 in the CLI)."""
from __future__ import annotations


class ConfigError(Exception):
    """A configuration file or value is wrong; the message names file, key and value."""
