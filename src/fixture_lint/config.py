"""Settings from ``[tool.fixture-lint]`` in pyproject.toml, and their overrides.

Key names follow ruff where the meaning is the same. The nearest pyproject.toml with a
``[tool.fixture-lint]`` table above a file configures that file (``--config`` names one
for every file). Unknown keys warn; wrong types and unknown rule codes are errors that
name the file, the key and the value.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence

from . import tomlcompat
from .fsutil import DEFAULT_MAX_FILE_SIZE, UnreadableFile, read_regular_file
from .discovery import DEFAULT_EXCLUDE, ConfigError, matches_exclude
from .rule import Rule

OUTPUT_FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "gitlab")
_LIST_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "extend-exclude",
    "fixable",
    "unfixable",
    "extend-safe-fixes",
    "extend-unsafe-fixes",
)
_CODE_LIST_KEYS = frozenset(
    {"select", "extend-select", "ignore", "fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes"}
)
KNOWN_KEYS = frozenset(_LIST_KEYS) | {"per-file-ignores", "unsafe-fixes", "preview", "respect-gitignore", "output-format", "cache-dir", "max-file-size"}


@dataclass(frozen=True)
class Settings:
    """The resolved settings for one file."""

    select: tuple[str, ...] = ("FXL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fixable: tuple[str, ...] = ("ALL",)
    unfixable: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    preview: bool = False
    """Preview rules and preview behaviours of default rules are on (ruff's ``--preview``)."""
    respect_gitignore: bool = True
    """Files ignored by ``.gitignore`` are not discovered (ruff's ``respect-gitignore``)."""
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    output_format: str = "full"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    """Files larger than this many bytes are reported as unreadable, not read."""
    cache_dir: Optional[str] = None
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    config_file: Optional[Path] = None
    base: Path = field(default_factory=Path.cwd)

    def runs(self, rule: Rule, path: Optional[Path] = None) -> bool:
        """Whether ``rule`` runs on ``path``: selected, and not a preview rule outside
        preview mode (as in ruff, selecting a preview rule does not enable preview)."""
        if rule.preview and not self.preview:
            return False
        return self.is_enabled(rule.code, path)

    def is_enabled(self, code: str, path: Optional[Path] = None) -> bool:
        """ruff's selection: the most specific matching selector wins; ignore wins ties."""
        chosen = _longest_match(code, self.select + self.extend_select)
        if chosen < 0:
            return False
        ignored = max(_longest_match(code, self.ignore), _longest_match(code, self.ignored_for(path)))
        return chosen > ignored

    def ignored_for(self, path: Optional[Path]) -> tuple[str, ...]:
        if path is None or not self.per_file_ignores:
            return ()
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if matches_exclude(path, self.base, (pattern,)):
                codes.extend(pattern_codes)
        return tuple(codes)

    def options_for(self, rule_name: str) -> Mapping[str, Any]:
        for name, values in self.rule_options:
            if name == rule_name:
                return dict(values)
        return {}

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with command-line (or flake8) overrides applied."""
        values = {key: value for key, value in overrides.items() if value is not None}
        return dataclasses.replace(self, **values)


def _longest_match(code: str, selectors: Sequence[str]) -> int:
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def validate_selector(selector: str, known_codes: Sequence[str]) -> bool:
    """A selector is a known code, a prefix of one, or ``ALL``."""
    return selector == "ALL" or any(code.startswith(selector) for code in known_codes)


def read_pyproject(path: Path) -> Optional[dict[str, Any]]:
    """The ``[tool.fixture-lint]`` table of ``path``, or None when there is none."""
    try:
        text = read_regular_file(path).decode("utf-8")
    except UnreadableFile as exc:
        raise ConfigError(f"{path}: cannot read: {exc.reason}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data = tomlcompat.loads(text)
    except tomlcompat.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table, got {_type(tool)}")
    table = tool.get("fixture-lint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.fixture-lint] must be a table, got {type(table).__name__}")
    return table


def settings_from_table(
    table: Mapping[str, Any],
    path: Path,
    rules: Sequence[Rule],
    warn: Callable[[str], None],
) -> Settings:
    """Validate a ``[tool.fixture-lint]`` table and turn it into :class:`Settings`."""
    known_codes = [rule.code for rule in rules] + ["FXL000"]
    rules_by_name = {rule.name: rule for rule in rules}
    values: dict[str, Any] = {"config_file": path, "base": path.parent}
    rule_options: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    for key, value in table.items():
        where = f"{path}: [tool.fixture-lint] {key}"
        if key in _LIST_KEYS:
            items = _string_list(value, where)
            if key in _CODE_LIST_KEYS:
                for item in items:
                    if not validate_selector(item, known_codes):
                        raise ConfigError(f"{where}: unknown rule code or prefix {item!r}")
            values[key.replace("-", "_")] = items
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} = {value!r}: expected a table of pattern = [codes], got {_type(value)}")
            pairs = []
            for pattern, codes in value.items():
                items = _string_list(codes, f"{where}.{pattern!r}")
                for item in items:
                    if not validate_selector(item, known_codes):
                        raise ConfigError(f"{where}.{pattern!r}: unknown rule code or prefix {item!r}")
                pairs.append((str(pattern), items))
            values["per_file_ignores"] = tuple(pairs)
        elif key in ("unsafe-fixes", "preview", "respect-gitignore"):
            if not isinstance(value, bool):
                raise ConfigError(f"{where} = {value!r}: expected a boolean, got {_type(value)}")
            values[key.replace("-", "_")] = value
        elif key == "output-format":
            if value not in OUTPUT_FORMATS:
                raise ConfigError(f"{where} = {value!r}: expected one of {', '.join(OUTPUT_FORMATS)}")
            values["output_format"] = value
        elif key == "max-file-size":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{where} = {value!r}: expected a positive integer (bytes), got {_type(value)}")
            values["max_file_size"] = value
        elif key == "cache-dir":
            if not isinstance(value, str):
                raise ConfigError(f"{where} = {value!r}: expected a string, got {_type(value)}")
            values["cache_dir"] = value
        elif key in rules_by_name:
            rule_options.append((key, _rule_options(rules_by_name[key], value, where, warn)))
        else:
            warn(f"{path}: unknown key [tool.fixture-lint] {key!r} (ignored)")
    values["rule_options"] = tuple(rule_options)
    return Settings(**values)


def _rule_options(rule: Rule, value: Any, where: str, warn: Callable[[str], None]) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of options, got {_type(value)}")
    options_class = getattr(rule, "options_class", None)
    defaults = {f.name.replace("_", "-"): f for f in dataclasses.fields(options_class)} if options_class else {}
    result = []
    for key, option in value.items():
        if key not in defaults:
            warn(f"{where}: unknown option {key!r} of rule {rule.code} (ignored)")
            continue
        default: Any = defaults[key].default
        factory: Any = defaults[key].default_factory
        if default is dataclasses.MISSING and factory is not dataclasses.MISSING:
            default = factory()
        if isinstance(default, tuple):
            option = _string_list(option, f"{where}.{key}")
        elif isinstance(default, bool) and not isinstance(option, bool):
            raise ConfigError(f"{where}.{key} = {option!r}: expected a boolean, got {_type(option)}")
        elif isinstance(default, str) and not isinstance(option, str):
            raise ConfigError(f"{where}.{key} = {option!r}: expected a string, got {_type(option)}")
        elif isinstance(default, int) and not isinstance(default, bool) and (
            not isinstance(option, int) or isinstance(option, bool)
        ):
            raise ConfigError(f"{where}.{key} = {option!r}: expected an integer, got {_type(option)}")
        result.append((key.replace("-", "_"), option))
    return tuple(result)


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ConfigError(f"{where} = {value!r}: expected a list of strings, got {_type(value)}")


def _type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "float", str: "string", list: "array", dict: "table"}.get(
        type(value), type(value).__name__
    )


class SettingsResolver:
    """The settings of any file: the nearest ``[tool.fixture-lint]`` above it, or
    ``--config``, with the command line's overrides on top. Caches per directory."""

    def __init__(
        self,
        rules: Sequence[Rule],
        config_file: Optional[Path] = None,
        overrides: Optional[Mapping[str, Any]] = None,
        warn: Optional[Callable[[str], None]] = None,
    ) -> None:
        self.rules = rules
        self.overrides = dict(overrides or {})
        self._warn = warn or (lambda message: print(f"warning: {message}", file=sys.stderr))
        self._warned: set[str] = set()
        self._by_dir: dict[Path, Settings] = {}
        self._by_file: dict[Path, Settings] = {}
        self._fixed: Optional[Settings] = None
        if config_file is not None:
            table = read_pyproject(config_file)
            if table is None:
                raise ConfigError(f"{config_file}: no [tool.fixture-lint] table")
            self._fixed = self._apply(settings_from_table(table, config_file.resolve(), rules, self.warn))

    def warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self._warn(message)

    def for_path(self, path: Path) -> Settings:
        if self._fixed is not None:
            return self._fixed
        directory = path if os.path.isdir(path) else path.parent
        return self.for_directory(directory)

    def for_directory(self, directory: Path) -> Settings:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        settings = None
        for candidate in (directory, *directory.parents):
            if candidate in self._by_dir:
                settings = self._by_dir[candidate]
                break
            pyproject = candidate / "pyproject.toml"
            if os.path.isfile(pyproject):
                table = read_pyproject(pyproject)
                if table is not None:
                    settings = self._apply(settings_from_table(table, pyproject, self.rules, self.warn))
                    break
        if settings is None:
            # No configuration file: patterns are relative to where the tool was run.
            settings = self._apply(Settings(base=Path.cwd()))
        self._by_dir[directory] = settings
        return settings

    def _apply(self, settings: Settings) -> Settings:
        """Layer the overrides on a file's settings the way ruff layers CLI on config:
        a ``select`` override starts the selection afresh (the config's ``select``,
        ``extend-select`` and ``ignore`` give way), ``extend-select`` and ``ignore``
        add to what is there."""
        overrides = dict(self.overrides)
        select = overrides.pop("select", None)
        extend_select = tuple(overrides.pop("extend_select", None) or ())
        ignore = tuple(overrides.pop("ignore", None) or ())
        settings = settings.with_overrides(**overrides)
        if select is not None:
            return dataclasses.replace(settings, select=tuple(select), extend_select=extend_select, ignore=ignore)
        return dataclasses.replace(
            settings,
            extend_select=settings.extend_select + extend_select,
            ignore=settings.ignore + ignore,
        )
