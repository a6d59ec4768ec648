"""Settings from ``[tool.fixture-lint]`` in pyproject.toml, and their overrides.

Key names follow ruff where the meaning is the same. The nearest pyproject.toml with a
``[tool.fixture-lint]`` table above a file configures that file (``--config`` names one
for every file). The table is read as strictly as ruff reads its own: an unknown key or
table, an unknown option of a rule, a wrong type and an unknown rule code are errors
(exit 2) that name the file, the key and the value, with a suggestion when a known key
is close.

Which rules run on a file is decided in this order, each step overriding the ones
before it (ruff's order; ``--show-settings`` prints the outcome):

1. The defaults: ``select = ["FXL"]``, no preview rules.
2. The configuration file. Within it the most specific selector wins (``FXL301`` beats
   ``FXL3`` beats ``FXL`` beats ``ALL``) and ``ignore`` wins a tie, wherever the keys
   appear: ``select = ["FXL3"]`` with ``ignore = ["FXL301"]`` runs FXL302 and not FXL301.
3. The command line (or flake8's ``--fixture-lint-select``/``--fixture-lint-ignore``), a
   layer of its own on top of the file: ``--select`` starts afresh (the file's
   ``select``, ``extend-select`` and ``ignore`` give way); ``--extend-select`` and
   ``--ignore`` decide every code they match, whatever the file said, so a CLI
   ``--extend-select FXL3`` re-enables the FXL301 that the file's ``ignore`` disabled
   and a CLI ``--ignore FXL3`` disables the FXL301 that the file's ``select`` enabled.
   Within the layer, again the most specific selector wins and ``--ignore`` wins a tie.
4. ``per-file-ignores``: a code it lists for a file never runs there, whatever was
   selected on the command line.
5. ``# noqa`` comments, last, on the lines they mark.

Options that are one value (``--preview``/``--no-preview``, ``--unsafe-fixes``/
``--no-unsafe-fixes``, ``--output-format``) replace the file's value when given;
``--config FILE`` replaces the search for the nearest file.
"""
from __future__ import annotations

import dataclasses
import difflib
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
class Selection:
    """One layer of rule selection: the configuration file's, or the command line's."""

    select: Optional[tuple[str, ...]] = None
    """``None``: this layer keeps what the layers below selected and only adds or removes."""
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, code: str) -> Optional[bool]:
        """Whether this layer enables ``code`` (its most specific selector; ``ignore``
        wins a tie), or None when no selector of the layer matches it."""
        chosen = _longest_match(code, (self.select or ()) + self.extend_select)
        ignored = _longest_match(code, self.ignore)
        if chosen < 0 and ignored < 0:
            return None
        return chosen > ignored


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
    layers: tuple[Selection, ...] = ()
    """The selection layers, the file's first, when the command line adds one of its own
    (then ``select``, ``extend_select`` and ``ignore`` above are their union, for
    readers that only ask what is ignored); empty: those three are the only layer."""

    def runs(self, rule: Rule, path: Optional[Path] = None) -> bool:
        """Whether ``rule`` runs on ``path``: selected, and not a preview rule outside
        preview mode (as in ruff, selecting a preview rule does not enable preview)."""
        if rule.preview and not self.preview:
            return False
        return self.is_enabled(rule.code, path)

    def is_enabled(self, code: str, path: Optional[Path] = None) -> bool:
        """ruff's selection (the order is in this module's docstring): layer by layer,
        the most specific matching selector of a layer wins and ignore wins ties; a
        later layer overrides an earlier one where it says anything; per-file-ignores
        win over every layer."""
        enabled = False
        for layer in self.layers or (Selection(self.select, self.extend_select, self.ignore),):
            decided = layer.decide(code)
            if layer.select is not None:
                enabled = bool(decided)
            elif decided is not None:
                enabled = decided
        if enabled and path is not None and _longest_match(code, self.ignored_for(path)) >= 0:
            return False
        return enabled

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
            raise ConfigError(_unknown_key(path, key, value, rules))
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
            if not defaults:
                raise ConfigError(f"{where}: unknown option {key!r}: rule {rule.code} ({rule.name}) has no options")
            raise ConfigError(
                f"{where}: unknown option {key!r} of rule {rule.code}{_did_you_mean(key, list(defaults))}"
                f" (its options: {', '.join(sorted(defaults))})"
            )
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


def _unknown_key(path: Path, key: str, value: Any, rules: Sequence[Rule]) -> str:
    """The error for a key (or a ``[tool.fixture-lint.<name>]`` table) nobody reads."""
    spellings = {name: name for name in sorted(KNOWN_KEYS)}
    tables = {rule.name: rule.name for rule in rules}
    # a table named by code, ``[tool.fixture-lint.FXL302]``, means the rule's name
    tables.update({rule.code: rule.name for rule in rules})
    candidates = {**spellings, **tables}
    if isinstance(value, dict):
        what = f"unknown table [tool.fixture-lint.{key}]"
        known = "rule options live in [tool.fixture-lint.<rule-name>]"
    else:
        what = f"unknown key {key!r} in [tool.fixture-lint]"
        known = f"known keys: {', '.join(sorted(KNOWN_KEYS))}"
    hint = _did_you_mean(key, candidates)
    return f"{path}: {what}{hint}" + ("" if hint else f" ({known})")


def _did_you_mean(key: str, candidates: Mapping[str, str] | Sequence[str]) -> str:
    """``; did you mean 'x'?`` when one known spelling is close to ``key`` (difflib)."""
    spelled = dict(candidates) if isinstance(candidates, Mapping) else {c: c for c in candidates}
    by_lower = {candidate.lower(): shown for candidate, shown in spelled.items()}
    close = difflib.get_close_matches(key.lower().replace("_", "-"), list(by_lower), n=1, cutoff=0.6)
    return f"; did you mean {by_lower[close[0]]!r}?" if close else ""


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
        self._is_dir: dict[Path, bool] = {}
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
        is_dir = self._is_dir.get(path)
        if is_dir is None:  # asked many times per file in a run: one stat each
            is_dir = self._is_dir[path] = os.path.isdir(path)
        return self.for_directory(path if is_dir else path.parent)

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
        if select is None and not extend_select and not ignore:
            return settings
        layers = (
            Selection(settings.select, settings.extend_select, settings.ignore),
            Selection(tuple(select) if select is not None else None, extend_select, ignore),
        )
        if select is not None:
            return dataclasses.replace(settings, select=tuple(select), extend_select=extend_select, ignore=ignore, layers=layers)
        return dataclasses.replace(
            settings,
            extend_select=settings.extend_select + extend_select,
            ignore=settings.ignore + ignore,
            layers=layers,
        )


def describe_settings(settings: Settings, rules: Sequence[Rule], target: Path) -> str:
    """``--show-settings``: the configuration file used for ``target`` and the effective
    value of every key (defaults included), the command line's selection layer, the
    options of every rule that has any, and the rules that run on ``target``."""
    from .discovery import display_path

    lines = [f'Resolved settings for: "{display_path(target)}"']
    if settings.config_file is not None:
        lines.append(f'Settings path: "{display_path(settings.config_file)}"')
    else:
        lines.append("Settings path: none (no [tool.fixture-lint] table found; defaults)")
    file_layer = settings.layers[0] if settings.layers else Selection(settings.select, settings.extend_select, settings.ignore)
    lines += ["", "[tool.fixture-lint]"]
    lines.append(f"select = {_toml(file_layer.select or ())}")
    lines.append(f"extend-select = {_toml(file_layer.extend_select)}")
    lines.append(f"ignore = {_toml(file_layer.ignore)}")
    pairs = ", ".join(f"{_toml(pattern)} = {_toml(codes)}" for pattern, codes in settings.per_file_ignores)
    lines.append(f"per-file-ignores = {{{pairs}}}" if pairs else "per-file-ignores = {}")
    for key in ("exclude", "extend-exclude", "fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes",
                "unsafe-fixes", "preview", "respect-gitignore", "output-format", "max-file-size"):
        lines.append(f"{key} = {_toml(getattr(settings, key.replace('-', '_')))}")
    if settings.cache_dir is not None:
        lines.append(f"cache-dir = {_toml(settings.cache_dir)}")
    else:
        lines.append('cache-dir = "./.fixture_lint_cache"  # the default: in the current directory')
    if len(settings.layers) > 1:
        command_line = settings.layers[1]
        lines += ["", "# the command line, a layer on top of the file's selection"]
        lines.append(f"--select = {_toml(command_line.select) if command_line.select is not None else '(not given)'}")
        lines.append(f"--extend-select = {_toml(command_line.extend_select)}")
        lines.append(f"--ignore = {_toml(command_line.ignore)}")
    for rule in sorted(rules, key=lambda r: r.code):
        options_class = getattr(rule, "options_class", None)
        if options_class is None:
            continue
        configured = settings.options_for(rule.name)
        lines += ["", f"[tool.fixture-lint.{rule.name}]  # {rule.code}"]
        for option in dataclasses.fields(options_class):
            if option.name in configured:
                value = configured[option.name]
            elif option.default is not dataclasses.MISSING:
                value = option.default
            else:
                factory: Any = option.default_factory
                value = factory() if factory is not dataclasses.MISSING else None
            lines.append(f"{option.name.replace('_', '-')} = {_toml(value)}")
    running = [rule for rule in sorted(rules, key=lambda r: r.code) if settings.runs(rule, target)]
    lines += ["", f"# rules that run on this file ({len(running)})"]
    lines += [f"# {rule.code} {rule.name}{' (preview)' if rule.preview else ''}" for rule in running]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    """A value as TOML spells it (strings with double quotes, lists as arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, frozenset, set)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        return "[" + ", ".join(_toml(item) for item in items) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)
