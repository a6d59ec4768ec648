"""The command line: ``fixture-lint [OPTIONS] [PATH ...]``."""
from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Sequence, TextIO

from . import __version__, adoption
from .cache import CACHE_DIR_NAME, ResultCache, check_cache_dir, content_hash
from .config import OUTPUT_FORMATS, SettingsResolver, describe_settings, validate_selector
from .discovery import ConfigError
from .engine import PARSE_ERROR_CODE, Engine, FileResult, RunResult
from .fixing import Fixer, FixRun, checked_roots, fix_results
from .model.loader import LoadError
from .plugins import registry
from .report import COLOR_CHOICES, Report, renderer, use_color
from .rule_list import explain
from .runner import Progress, default_jobs, run_checks
from .source import SourceError, SourceFile

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


def _codes(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {jobs}")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fixture-lint",
        description="Find the causes of flaky pytest suites (shared fixture state, shadowed "
        "fixtures, unpatched globals, fixed ports, the wall clock) without running them.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: testpaths or .)")
    parser.add_argument("--select", type=_codes, metavar="CODES", help="rule codes or prefixes to enable (replaces the configured list)")
    parser.add_argument("--extend-select", type=_codes, metavar="CODES", help="rule codes or prefixes to enable in addition")
    parser.add_argument("--ignore", type=_codes, metavar="CODES", help="rule codes or prefixes to disable")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS, help="how to print findings (default: full)")
    parser.add_argument("-o", "--output-file", type=Path, metavar="FILE", help="write the report to FILE instead of standard output (never coloured)")
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto", help="colour the full and concise formats: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the findings and nothing else (no summary, no hints, no warnings)")
    parser.add_argument("--show-settings", nargs="?", const="", metavar="PATH", help="print the settings that apply to PATH (default: the first PATH, or .) and exit")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--config", type=Path, metavar="PATH", help="a pyproject.toml whose [tool.fixture-lint] applies to every file")
    parser.add_argument("--stdin-filename", metavar="NAME", help="read the source from standard input; NAME places it in the hierarchy")
    parser.add_argument("--explain", metavar="CODE_OR_NAME", help="print the page of a rule (FXL401 or shadowed-fixture) and exit")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    parser.add_argument("--show-files", action="store_true", help="print the files that would be checked and exit")
    parser.add_argument("--preview", dest="preview", action="store_true", default=None, help="enable preview rules and behaviours (not yet at the default bar)")
    parser.add_argument("--no-preview", dest="preview", action="store_false", help="disable preview rules and behaviours")
    parser.add_argument("--fix", action="store_true", help="apply the fixes (safe ones; unsafe ones too with --unsafe-fixes)")
    parser.add_argument("--unsafe-fixes", dest="unsafe_fixes", action="store_true", default=None, help="apply and offer unsafe fixes too")
    parser.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false", help="neither apply nor offer unsafe fixes")
    parser.add_argument("--fix-only", action="store_true", help="apply fixes and report nothing else (implies --fix)")
    parser.add_argument("--diff", action="store_true", help="print a diff of what --fix would change and write nothing")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when something was fixed, even if nothing is left")
    parser.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help=f"where the result cache lives (default: ./{CACHE_DIR_NAME})")
    parser.add_argument("--add-noqa", action="store_true", help="add `# noqa: CODE` to every line with a finding, then exit (adopting on an existing suite)")
    parser.add_argument("--write-baseline", type=Path, metavar="FILE", help="write the current findings to FILE (JSON), then exit")
    parser.add_argument("--baseline", type=Path, metavar="FILE", help="report only the findings not in FILE (written by --write-baseline)")
    parser.add_argument("--version", action="version", version=f"fixture-lint {__version__}")
    return parser


def main(argv: Optional[Sequence[str]] = None, stdin: Optional[io.BufferedIOBase] = None) -> int:
    """Run the CLI; returns the exit code (0 clean, 1 findings, 2 error)."""
    map_arguments = list(sys.argv[1:] if argv is None else argv)
    if map_arguments and map_arguments[0] == "map":
        from .fixture_map import main as map_main  # lazily: the checker does not pay for it

        return map_main(map_arguments[1:])
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] == "server":
        from . import server  # lazily: the checker does not pay for pygls

        return server.main(arguments[1:])
    if arguments and arguments[0] == "rule":
        from .rule_list import main as rule_main

        return rule_main(arguments[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    out: TextIO = sys.stdout
    output_file: Optional[TextIO] = None
    if args.output_file is not None:
        try:
            args.output_file.parent.mkdir(parents=True, exist_ok=True)
            output_file = open(args.output_file, "w", encoding="utf-8")
        except OSError as exc:
            print(f"fixture-lint: error: --output-file {args.output_file}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
        out = output_file
    # Parsing makes millions of short-lived AST objects without reference cycles; the
    # default gen-0 threshold runs the cycle collector thousands of times for nothing
    # (measured: a quarter of the run time on pandas' tests).
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        return _run(args, out, stdin)
    except ConfigError as exc:
        print(f"fixture-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        gc.set_threshold(*thresholds)
        if output_file is not None:
            output_file.close()


def _run(args: argparse.Namespace, out: TextIO, stdin: Optional[io.BufferedIOBase]) -> int:
    reg = registry()
    known_codes = [rule.code for rule in reg.rules] + [PARSE_ERROR_CODE]
    if args.explain:
        return explain(args.explain, reg.rules, out, option="--explain")
    for option in ("select", "extend_select", "ignore"):
        for selector in getattr(args, option) or ():
            if not validate_selector(selector, known_codes):
                raise ConfigError(f"--{option.replace('_', '-')}: unknown rule code or prefix {selector!r}")
    overrides: dict[str, Any] = {
        "select": tuple(args.select) if args.select is not None else None,
        "extend_select": tuple(args.extend_select) if args.extend_select else None,
        "ignore": tuple(args.ignore) if args.ignore else None,
        "output_format": args.output_format,
        "unsafe_fixes": args.unsafe_fixes,
        "preview": args.preview,
    }
    settings = SettingsResolver(reg.rules, config_file=args.config, overrides=overrides)
    if args.show_settings is not None:
        return _show_settings(args, settings, reg.rules, out)
    engine = Engine(reg, settings)
    baseline = adoption.prepare(args)
    cwd = Path.cwd()
    result = RunResult()
    fixed = 0
    if args.stdin_filename:
        path = Path(os.path.abspath(args.stdin_filename))
        data = (stdin or sys.stdin.buffer).read()
        if args.show_files:
            out.write(f"{path}\n")
            return EXIT_CLEAN
        if args.fix or args.fix_only or args.diff:
            # the fixed source goes to standard output; the findings left to --output-file
            return _fix_stdin(engine, path, data, args, sys.stdout if args.output_file else out, out)
        if engine.is_checked(path, explicit=True):
            result.files.append(_check_stdin(engine, path, data, args.stdin_filename))
    else:
        paths = [Path(p) for p in args.paths] or engine.default_paths(cwd)
        notes: list[str] = []
        files = engine.discover(paths, result.errors, notes, result.skipped)
        for problem in result.skipped if not args.quiet else ():
            print(f"fixture-lint: warning: {problem}", file=sys.stderr)
        if args.show_files:
            for path in files:
                out.write(f"{path}\n")
            _no_files_warnings(files, notes if not args.quiet else ())
            for error in result.errors:
                print(f"fixture-lint: error: {error}", file=sys.stderr)
            return EXIT_ERROR if result.errors else EXIT_CLEAN
        _no_files_warnings(files, notes if not args.quiet else ())
        cache = None if args.no_cache else _open_cache(args, settings, cwd, reg)
        progress = Progress(len(files), sys.stderr) if _show_progress(len(files)) else None
        try:
            result.files = run_checks(engine, files, jobs=args.jobs or default_jobs(), cache=cache, progress=progress)
        finally:
            if progress is not None:
                progress.close()
        if cache is not None:
            cache.save()
        if args.add_noqa or args.write_baseline is not None:
            return adoption.run_mode(args, engine, result, paths, out)
        if args.fix or args.fix_only or args.diff:
            fix_run = fix_results(engine, result.files, write=not args.diff, roots=checked_roots(paths))
            result.errors.extend(fix_run.errors)
            if args.diff or args.fix_only:
                return _fix_outcome(args, out, fix_run, bool(result.errors) or result.internal_error)
            fixed = fix_run.fixed
    if baseline is not None:
        baseline.apply(result.files)
    for error in result.errors:
        print(f"fixture-lint: error: {error}", file=sys.stderr)
    for file_result in result.files if not args.quiet else ():
        for warning in file_result.warnings:
            print(f"fixture-lint: warning: {warning}", file=sys.stderr)
    output_format = args.output_format or settings.for_directory(cwd).output_format
    report = Report(files=result.files, rules=reg.rules, version=__version__, quiet=args.quiet)
    report.color = args.output_file is None and use_color(args.color, out)
    _fix_hints(report, engine, fixed)
    if args.statistics:
        _statistics(report, out)
    elif args.quiet and output_format in ("full", "concise") and not report.diagnostics:
        pass
    elif output_format in ("full", "concise") and (result.errors or result.skipped or not result.files) and not report.diagnostics:
        # "All checks passed!" would claim what did not happen.
        if not result.files:
            out.write("No files were checked.\n")
        elif result.errors:
            out.write("Errors above; no findings in the files checked.\n")
        else:
            out.write("Parts of the tree could not be read (warnings above); no findings in the files checked.\n")
    else:
        renderer(output_format)(report, out)
    if result.errors or result.internal_error:
        return EXIT_ERROR
    if report.diagnostics and not args.exit_zero:
        return EXIT_FINDINGS
    if fixed and args.exit_non_zero_on_fix:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _show_settings(args: argparse.Namespace, settings: SettingsResolver, rules: Sequence[Any], out: TextIO) -> int:
    """``--show-settings [PATH]``: the settings of PATH (else the first PATH, else ``.``)."""
    given = args.show_settings or (args.stdin_filename or (args.paths[0] if args.paths else "."))
    target = Path(os.path.abspath(given))
    if not os.path.exists(target) and not args.stdin_filename:
        raise ConfigError(f"--show-settings: {given}: no such file or directory")
    out.write(describe_settings(settings.for_path(target), rules, target))
    return EXIT_CLEAN


def _no_files_warnings(files: Sequence[Path], notes: Sequence[str]) -> None:
    """Say why a path gave nothing to check (excluded, not test code, ignored)."""
    if files:
        return
    for note in notes:
        print(f"fixture-lint: warning: no files to check: {note}", file=sys.stderr)


def _fix_hints(report: Report, engine: Engine, fixed: int) -> None:
    """The ``[*]`` markers and the hint about unsafe fixes held back."""
    report.fixed = fixed
    report.unsafe_fixes = engine.settings.for_directory(Path.cwd()).unsafe_fixes
    for file in report.files:
        if engine.settings.for_path(file.path).unsafe_fixes:
            continue
        report.hidden_unsafe_fixes += sum(
            1 for d in file.diagnostics if d.fix is not None and d.fix.applicability == "unsafe"
        )


def _fix_outcome(args: argparse.Namespace, out: TextIO, fix_run: FixRun, failed: bool) -> int:
    """``--diff`` and ``--fix-only``: the diffs or the count, and their exit codes."""
    for error in fix_run.errors:
        print(f"fixture-lint: error: {error}", file=sys.stderr)
    count = fix_run.fixed
    noun = f"{count} error{'s' if count != 1 else ''}"
    if args.diff:
        for outcome in fix_run.changed:
            out.write(outcome.diff())
        if not args.quiet:
            print(f"Would fix {noun}." if count else "No errors would be fixed.", file=sys.stderr)
        if failed:
            return EXIT_ERROR
        return EXIT_FINDINGS if fix_run.changed else EXIT_CLEAN
    stream = out if (args.output_format or "full") in ("full", "concise") else sys.stderr
    if not args.quiet:
        stream.write(f"Fixed {noun}.\n" if count else "No errors fixed.\n")
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if count and args.exit_non_zero_on_fix else EXIT_CLEAN


def _fix_stdin(engine: Engine, path: Path, data: bytes, args: argparse.Namespace, out: TextIO, report_file: TextIO) -> int:
    """``--stdin-filename NAME --fix``: the fixed source on standard output (``--diff``:
    the diff), the findings left on standard error (or ``--output-file``); nothing on
    disk changes."""
    name = args.stdin_filename
    try:
        source = SourceFile.from_bytes(data)
    except SourceError as exc:
        if not args.diff:
            _write_bytes(out, data, "utf-8")
        print(f"fixture-lint: error: {name}: {exc}; not fixed", file=sys.stderr)
        return EXIT_ERROR
    if not engine.is_checked(path, explicit=True):
        if not args.diff:
            _write_bytes(out, data, source.encoding)
        return EXIT_CLEAN
    outcome = Fixer(engine).fix_source(path, source, data, name)
    if outcome.error is not None:
        print(f"fixture-lint: error: {outcome.error}", file=sys.stderr)
    fixed = sum(outcome.fixed.values())
    if args.diff:
        out.write(outcome.diff() if outcome.changed else "")
        if outcome.error is not None:
            return EXIT_ERROR
        return EXIT_FINDINGS if outcome.changed else EXIT_CLEAN
    _write_bytes(out, outcome.encoded() if outcome.changed else data, source.encoding)
    left = outcome.result
    if left is not None:
        _rename(left, name)
    if not args.fix_only and left is not None:
        stream = report_file if args.output_file else sys.stderr
        report = Report(files=[left], rules=engine.registry.rules, version=__version__, quiet=args.quiet)
        report.color = args.output_file is None and use_color(args.color, stream)
        _fix_hints(report, engine, fixed)
        renderer(args.output_format or engine.settings.for_path(path).output_format)(report, stream)
    if outcome.error is not None or (left is not None and left.internal_error):
        return EXIT_ERROR
    if fixed and args.exit_non_zero_on_fix:
        return EXIT_FINDINGS
    if not args.fix_only and left is not None and left.diagnostics and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _write_bytes(out: TextIO, data: bytes, encoding: str) -> None:
    """Raw bytes to standard output when it has a buffer; decoded text otherwise (tests)."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode(encoding if not data.startswith(b"\xef\xbb\xbf") else "utf-8-sig"))


def _open_cache(args: argparse.Namespace, settings: SettingsResolver, cwd: Path, reg: Any) -> ResultCache:
    """The cache of this run: ``--cache-dir``, else ``cache-dir`` from the configuration
    (relative to its file), else ``.fixture_lint_cache`` in the current directory."""
    configured = settings.for_directory(cwd)
    if args.cache_dir is not None:
        directory = args.cache_dir
    elif configured.cache_dir is not None:
        directory = configured.base / configured.cache_dir
    else:
        directory = cwd / CACHE_DIR_NAME
    check_cache_dir(directory)
    plugins = ",".join(f"{rule.code}:{type(rule).__module__}" for rule in reg.rules)
    tables = f"{len(reg.known_fixtures)}|{sorted(reg.installed_providers)}"
    # messages name other files relative to the working directory: a cache shared by
    # runs from two directories must not serve one's paths to the other
    fingerprint = content_hash(f"{plugins}|{tables}|{_code_fingerprint(reg)}|{cwd}".encode())
    return ResultCache(directory, fingerprint, warn=settings.warn)


def _code_fingerprint(reg: Any) -> str:
    """Size and mtime of fixture-lint's own modules and of every plugin's rule modules:
    an edited checkout (or an upgraded plugin) must not be served stale results."""
    package = Path(__file__).parent
    files = sorted(package.rglob("*.py"))
    for rule in reg.rules:
        module = sys.modules.get(type(rule).__module__)
        module_file = getattr(module, "__file__", None)
        if module_file:
            files.append(Path(module_file))
    stamps = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return content_hash("\n".join(stamps).encode())


def _show_progress(total: int) -> bool:
    return total >= 200 and sys.stderr.isatty() and os.environ.get("CI") is None


def _check_stdin(engine: Engine, path: Path, data: bytes, name: str) -> FileResult:
    try:
        text = SourceFile.from_bytes(data).text
    except SourceError as exc:
        settings = engine.settings.for_path(path)
        return engine.load_error_result(LoadError(path, str(exc)), name, settings)
    result = engine.check_file(path, text=text)
    _rename(result, name)
    return result


def _rename(result: FileResult, name: str) -> None:
    """Report a buffer's findings under the name the editor gave it."""
    result.display = name
    result.diagnostics = [dataclasses.replace(d, path=name) for d in result.diagnostics]


def _statistics(report: Report, out: TextIO) -> None:
    counts = Counter(d.code for d in report.diagnostics)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = report.rule(code)
        name = rule.name if rule is not None else "unreadable-file"
        out.write(f"{count:>5}\t{code}\t{name}\n")


def console_main() -> None:
    """The ``fixture-lint`` console script: a closed pipe (``fixture-lint | head``) ends
    the run quietly with 0, Ctrl-C with one line and 130, as a shell expects."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_CLEAN
    except KeyboardInterrupt:
        _silence_stdout()
        try:
            print("fixture-lint: interrupted", file=sys.stderr)
            sys.stderr.flush()
        except OSError:
            pass
        _kill_workers()
        # No interpreter shutdown: multiprocessing's exit handlers would join the
        # workers that were just killed, and a second Ctrl-C there prints a traceback.
        os._exit(EXIT_INTERRUPTED)
    # What the run kept (parsed conftests and project modules, the index) goes with the
    # process: without this the interpreter's last cycle collection walks all of it
    # (measured: 0.5 s of a 4 s run on the bench corpus). Teardown still runs.
    gc.freeze()
    sys.exit(code)


def _kill_workers() -> None:
    """Kill every worker process still alive: the interrupt can arrive anywhere, and a
    worker left behind would hold the terminal's pipes open and wait for work forever."""
    import multiprocessing

    for child in multiprocessing.active_children():
        try:
            child.kill()
        except (OSError, ValueError):
            pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
