"""pytest's configuration, found and read the way pytest 9 does it, without running pytest.

Which file configures a directory (``_pytest/config/findpaths.py``, ``locate_config``):
walk from the directory up to the filesystem root; in each directory try these names in
this order, and the first one that *is* a pytest configuration wins:

======================  ===========================================  ==============================
file                    counts when                                  values
======================  ===========================================  ==============================
``pytest.toml``         always (even empty or without ``[pytest]``)  ``[pytest]``, native TOML types
``.pytest.toml``        always                                       ``[pytest]``, native TOML types
``pytest.ini``          always (even without ``[pytest]``)           ``[pytest]``, strings
``.pytest.ini``         always                                       ``[pytest]``, strings
``pyproject.toml``      it has ``[tool.pytest]`` keys or a           ``[tool.pytest]``: native types;
                        ``[tool.pytest.ini_options]`` table          ``ini_options``: strings/lists
``tox.ini``             it has a ``[pytest]`` section                ``[pytest]``, strings
``setup.cfg``           it has a ``[tool:pytest]`` section           ``[tool:pytest]``, strings
======================  ===========================================  ==============================

A nearer directory beats a farther one; within one directory the table's order decides.
A ``pyproject.toml`` with both ``[tool.pytest]`` keys and ``[tool.pytest.ini_options]`` is
an error to pytest; fixture-lint warns and uses ``[tool.pytest]`` (pytest's recommended
form). The rootdir is the directory of the winning file. When no file wins, the nearest
``pyproject.toml`` (without a pytest table) gives the rootdir; failing that the nearest
``setup.py``; failing that the nearest directory with ``.git`` (standing in for pytest's
"common ancestor of the invocation directory and the arguments": fixture-lint assumes
pytest is run from the top of the repository); failing that, the filesystem root.

Option values (``_pytest/main.py``, ``_pytest/python.py``): ``python_files`` (default
``test_*.py *_test.py``), ``python_classes`` (``Test``), ``python_functions`` (``test``),
``testpaths`` (none), ``norecursedirs`` (``*.egg .* _darcs build CVS dist node_modules
venv {arch}``), ``pythonpath`` (none; folders relative to the configuration file's
folder, where the state model also looks for the project's modules, as ``sys.path``
would). In INI form a value is split like a shell line; in TOML form a list is a
list (a string is split, leniently, where pytest would refuse it).

``addopts`` (from the same file; never from the command line or ``PYTEST_ADDOPTS``, which a
static reader cannot see) contributes ``--confcutdir DIR``, ``--ignore PATH``,
``--ignore-glob GLOB``, ``--deselect PREFIX`` (whole files or directories: node ids with
``::`` pick single tests and leave the file judged) and ``-p no:python`` (no test modules
at all). Their paths are relative to the rootdir (pytest takes them relative to the
invocation directory, which is the rootdir when pytest is run as configured). ``-c`` /
``--config-file``, ``--rootdir`` and ``-o`` / ``--override-ini`` in ``addopts`` change
nothing, as in pytest: the file, the rootdir and the overrides are settled before
``addopts`` is read.
"""
from __future__ import annotations

import configparser
import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from . import tomlcompat
from .errors import ConfigError
from .fsutil import UnreadableFile, read_regular_file
from .model.facts import TestNaming

DEFAULT_PYTHON_FILES = ("test_*.py", "*_test.py")
DEFAULT_NORECURSEDIRS = ("*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}")

CONFIG_NAMES = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")

Warn = Callable[[str], None]
RawValue = object


@dataclass(frozen=True)
class PytestOptions:
    """The options of pytest that decide what is test code."""

    python_files: tuple[str, ...] = DEFAULT_PYTHON_FILES
    python_classes: tuple[str, ...] = ("Test",)
    python_functions: tuple[str, ...] = ("test",)
    testpaths: tuple[str, ...] = ()
    norecursedirs: tuple[str, ...] = DEFAULT_NORECURSEDIRS
    confcutdir: Optional[str] = None
    """``--confcutdir`` from ``addopts``, as written (relative to the rootdir)."""
    ignore: tuple[str, ...] = ()
    """``--ignore`` paths from ``addopts``, as written."""
    ignore_glob: tuple[str, ...] = ()
    """``--ignore-glob`` patterns from ``addopts``, as written."""
    deselect: tuple[str, ...] = ()
    """``--deselect`` node-id prefixes from ``addopts`` that name files or directories."""
    python_plugin: bool = True
    """False under ``-p no:python``: pytest then collects no test modules."""
    addopts: tuple[str, ...] = ()
    """``addopts`` split as pytest splits it (rules read options such as ``--forked``)."""
    pythonpath: tuple[str, ...] = ()
    """``pythonpath`` as written: folders pytest puts first on ``sys.path``, relative to
    the configuration file's folder; the state model finds project modules there too."""

    @property
    def naming(self) -> TestNaming:
        return TestNaming(classes=self.python_classes, functions=self.python_functions)


_LIST_OPTIONS = ("python_files", "python_classes", "python_functions", "testpaths", "norecursedirs", "pythonpath")


class PytestConfigError(ConfigError):
    """A pytest configuration file or value pytest itself would refuse; the message names
    the file, the key and the value (exit 2 in the CLI)."""


def load_config(path: Path, warn: Warn) -> Optional[dict[str, RawValue]]:
    """The pytest table of ``path`` (``{}`` for an empty one), or None when ``path`` holds
    no pytest configuration: ``load_config_dict_from_file`` of pytest. A file pytest
    could not read, or a table of the wrong shape, is a :class:`PytestConfigError`."""
    name = path.name
    if path.suffix == ".ini":
        sections = _ini_sections(path, warn)
        if "pytest" in sections:
            return dict(sections["pytest"])
        return {} if name in ("pytest.ini", ".pytest.ini") else None
    if path.suffix == ".cfg":
        sections = _ini_sections(path, warn)
        if "tool:pytest" in sections:
            return dict(sections["tool:pytest"])
        return None
    if path.suffix == ".toml":
        try:
            data = tomlcompat.loads(read_regular_file(path).decode("utf-8"))
        except (tomlcompat.TOMLDecodeError, UnreadableFile, UnicodeDecodeError) as exc:
            raise PytestConfigError(f"{path}: cannot read the pytest configuration: {exc}") from None
        if name in ("pytest.toml", ".pytest.toml"):
            table = data.get("pytest", {})
            if not isinstance(table, dict):
                raise PytestConfigError(f"{path}: [pytest] must be a table, got {type(table).__name__}")
            return dict(table)
        tool = data.get("tool")
        if tool is None:
            return None
        if not isinstance(tool, dict):
            raise PytestConfigError(f"{path}: [tool] must be a table, got {type(tool).__name__}")
        tool_pytest = tool.get("pytest")
        if tool_pytest is None:
            return None
        if not isinstance(tool_pytest, dict):
            raise PytestConfigError(f"{path}: [tool.pytest] must be a table, got {type(tool_pytest).__name__}")
        native = {key: value for key, value in tool_pytest.items() if key != "ini_options"}
        ini_options = tool_pytest.get("ini_options")
        if ini_options is not None and not isinstance(ini_options, dict):
            raise PytestConfigError(
                f"{path}: [tool.pytest.ini_options] must be a table, got {type(ini_options).__name__}"
            )
        if native and ini_options:
            warn(
                f"{path}: both [tool.pytest] and [tool.pytest.ini_options] are set, which pytest "
                "refuses; fixture-lint reads [tool.pytest]"
            )
        if native:
            return native
        if isinstance(ini_options, dict):
            for key, value in ini_options.items():
                if isinstance(value, dict):
                    raise PytestConfigError(
                        f"{path}: [tool.pytest.ini_options] {key} = {value!r}: expected a string or a list, got a table"
                    )
            return {key: value if isinstance(value, list) else str(value) for key, value in ini_options.items()}
    return None


def locate_config(directory: Path, warn: Warn) -> Optional[tuple[Path, dict[str, RawValue]]]:
    """The configuration file in ``directory`` itself that pytest would pick, if any."""
    for config_name in CONFIG_NAMES:
        candidate = directory / config_name
        if os.path.isfile(candidate):
            table = load_config(candidate, warn)
            if table is not None:
                return candidate, table
    return None


def options_from_table(table: Mapping[str, RawValue], path: Path, warn: Warn) -> PytestOptions:
    """Typed options from a pytest table; unknown or ill-typed values are pytest's business."""
    values: dict[str, object] = {}
    for key in _LIST_OPTIONS:
        if key in table:
            items = _as_args(table[key])
            if items is None:
                raise PytestConfigError(
                    f"{path}: pytest option {key} = {table[key]!r}: expected a string or a list of strings"
                )
            values[key] = items
    addopts = _as_args(table.get("addopts", ""))
    if addopts is None:
        raise PytestConfigError(f"{path}: pytest option addopts = {table['addopts']!r}: expected a string or a list of strings")
    if addopts:
        values.update(_from_addopts(addopts))
        values["addopts"] = addopts
    return PytestOptions(**values)  # type: ignore[arg-type]


def _as_args(value: RawValue) -> Optional[tuple[str, ...]]:
    if isinstance(value, str):
        try:
            return tuple(shlex.split(value))
        except ValueError:
            return tuple(value.split())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


# The options of addopts that take a value, and where that value goes.
_VALUE_OPTIONS = {
    "--confcutdir": "confcutdir",
    "--ignore": "ignore",
    "--ignore-glob": "ignore_glob",
    "--deselect": "deselect",
    "-p": "plugin",
    "--rootdir": None,
    "-c": None,
    "--config-file": None,
    "-o": None,
    "--override-ini": None,
    "-k": None,
    "-m": None,
    "--basetemp": None,
    "--import-mode": None,
}


def _from_addopts(args: Sequence[str]) -> dict[str, object]:
    found: dict[str, list[str]] = {"ignore": [], "ignore_glob": [], "deselect": [], "confcutdir": [], "plugin": []}
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        option, value = arg, None
        if arg.startswith("--") and "=" in arg:
            option, value = arg.split("=", 1)
        elif arg.startswith("-p") and len(arg) > 2 and not arg.startswith("--"):
            option, value = "-p", arg[2:]
        if option not in _VALUE_OPTIONS:
            continue
        if value is None:
            if index >= len(args):
                break
            value = args[index]
            index += 1
        target = _VALUE_OPTIONS[option]
        if target is not None:
            found[target].append(value)
    result: dict[str, object] = {
        "ignore": tuple(found["ignore"]),
        "ignore_glob": tuple(found["ignore_glob"]),
        "deselect": tuple(prefix for prefix in found["deselect"] if "::" not in prefix),
    }
    if found["confcutdir"]:
        result["confcutdir"] = found["confcutdir"][-1]
    if "no:python" in found["plugin"]:
        result["python_plugin"] = False
    return result


def _ini_sections(path: Path, warn: Warn) -> dict[str, dict[str, str]]:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(read_regular_file(path).decode("utf-8", errors="replace"), source=str(path))
    except (configparser.Error, UnreadableFile) as exc:
        reason = " ".join(str(exc).split())
        raise PytestConfigError(f"{path}: cannot read the pytest configuration: {reason}") from None
    return {section: dict(parser.items(section)) for section in parser.sections()}
