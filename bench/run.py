"""Benchmark fixture-lint against the ast.parse floor and against flake8-pytest-style.

For each suite of the corpus (see corpus.py) and for the whole corpus, the files are
the ones ``fixture-lint --show-files`` lists. Every measurement is a fresh process
timed by wall clock: one warm-up run (filesystem cache, and fixture-lint's own cache
for the warm measurement), then ``--runs`` rounds in which the measurements take
turns; the median is reported. See bench/README.md.

Environment: FIXTURE_LINT_CMD overrides the fixture-lint command (shell words),
e.g. ``FIXTURE_LINT_CMD="python -m fixture_lint"``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import corpus

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
FLAKE8_DRIVER = BENCH_DIR / "flake8_only.py"
FLAKE8_DEFAULT_PLUGINS = "E,W,F,C90"
ARGV_BUDGET = 512 * 1024  # bytes of file names per flake8 process (Linux ARG_MAX is 2 MiB)

# The floor: one process that reads and parses every file of the list.
FLOOR_CODE = """\
import ast, sys
with open(sys.argv[1], encoding="utf-8") as listing:
    paths = listing.read().splitlines()
for path in paths:
    with open(path, "rb") as f:
        source = f.read()
    try:
        ast.parse(source, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
"""


@dataclass
class Measurement:
    key: str
    label: str
    argvs: List[List[str]]  # run one after the other; their times add up
    env: Dict[str, str]
    cwd: Path
    ok_codes: Tuple[int, ...] = (0, 1)
    samples: List[float] = field(default_factory=list)
    max_rss_kib: int = 0
    error: Optional[str] = None

    @property
    def median(self) -> Optional[float]:
        return statistics.median(self.samples) if self.samples and not self.error else None

    def to_json(self, files: Sequence[str]) -> Dict[str, object]:
        return {
            "label": self.label,
            "argv": [_abbreviate(a, files) for a in self.argvs],
            "samples_s": self.samples,
            "median_s": self.median,
            "max_rss_kib": self.max_rss_kib,
            "error": self.error,
        }


@dataclass
class Tool:
    argv: List[str]
    env: Dict[str, str]
    has_jobs: bool
    has_no_cache: bool
    has_cache_dir: bool
    version: str


def _abbreviate(argv: List[str], files: Sequence[str]) -> List[str]:
    """argv for the JSON file, with the file list and the floor script elided."""
    listed = set(files)
    out = ["<floor script>" if a == FLOOR_CODE else a for a in argv if a not in listed]
    return out + ([f"<{len(argv) - len(out)} files>"] if len(out) < len(argv) else [])


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def find_tool() -> Tool:
    """The fixture-lint command, and which of the optional options it has."""
    env = dict(os.environ)
    override = os.environ.get("FIXTURE_LINT_CMD")
    script = Path(sys.executable).with_name("fixture-lint")
    if override:
        argv = shlex.split(override)
    elif script.exists():  # not a pyenv/asdf shim: a shim costs ~0.1 s per run
        argv = [str(script)]
    else:
        argv = [sys.executable, "-m", "fixture_lint"]
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_DIR / "src"), env.get("PYTHONPATH")) if p)
    _compile_bytecode(env)
    helptext = subprocess.run(argv + ["--help"], env=env, capture_output=True, text=True, check=True).stdout
    version = subprocess.run(argv + ["--version"], env=env, capture_output=True, text=True).stdout.strip()
    return Tool(argv, env, "--jobs" in helptext, "--no-cache" in helptext, "--cache-dir" in helptext, version)


def _compile_bytecode(env: Dict[str, str]) -> None:
    """Byte-compile fixture-lint's own modules, as ``pip install`` does: an editable
    install under ``PYTHONDONTWRITEBYTECODE`` (this machine sets it) would otherwise
    compile ~90 modules from source in every timed run (~0.2 s), a cost no installed
    copy pays."""
    package = subprocess.run(
        [sys.executable, "-c", "import fixture_lint, os; print(os.path.dirname(fixture_lint.__file__))"],
        env=env, capture_output=True, text=True,
    ).stdout.strip()
    if package:
        subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, capture_output=True)


def show_files(tool: Tool, dirs: Sequence[Path]) -> List[str]:
    out = subprocess.run(
        tool.argv + ["--show-files", *map(str, dirs)], env=tool.env, capture_output=True, text=True, check=True
    ).stdout
    return [line for line in out.splitlines() if line.strip()]


def files_read(tool: Tool, files: Sequence[str], workdir: Path) -> List[str]:
    """Every Python file a cold run over ``files`` parses: the files themselves and what
    their checks read besides (conftests above them, ``pytest_plugins`` modules, the
    project modules a test reaches). Taken from the dependencies a cached run records
    per file (``results.json``: a JSON header line, then the entries). A ``setup.py`` is
    among them because it can declare plugins, but it is hashed, not parsed: left out."""
    cache_dir = workdir / "reads-cache"
    subprocess.run(
        tool.argv + ["--output-format", "concise", "--exit-zero", "--cache-dir", str(cache_dir), "--jobs", "1", *files],
        env=tool.env, cwd=workdir, capture_output=True, check=True,
    )
    with open(cache_dir / "results.json", "rb") as f:
        f.readline()
        entries = json.loads(f.read())
    read = dict.fromkeys(files)
    for entry in entries.values():
        read.update(dict.fromkeys(dep for dep in entry["deps"] if dep.endswith(".py") and Path(dep).name != "setup.py"))
    return list(read)


def count_lines(files: Sequence[str]) -> int:
    total = 0
    for path in files:
        with open(path, "rb") as f:
            total += f.read().count(b"\n")
    return total


def chunk_files(files: Sequence[str]) -> List[List[str]]:
    """Split a file list into argv-sized chunks (one chunk for any corpus here)."""
    chunks: List[List[str]] = [[]]
    size = 0
    for path in files:
        if chunks[-1] and size + len(path) + 1 > ARGV_BUDGET:
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += len(path) + 1
    return chunks


def run_once(m: Measurement) -> Tuple[float, int, Optional[str]]:
    """Run ``m`` once: (seconds, peak RSS in KiB, a failure message or None)."""
    seconds, rss, failure = 0.0, 0, None
    for argv in m.argvs:
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=m.env, cwd=m.cwd)
            _, status, usage = os.wait4(proc.pid, 0)  # rusage covers the process and its waited-for children
            seconds += time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss = max(rss, usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1))
            if proc.returncode not in m.ok_codes and failure is None:
                err.seek(0)
                lines = err.read().decode("utf-8", "replace").strip().splitlines()
                failure = f"exit {proc.returncode}: {lines[-1] if lines else 'no output'}"
    return seconds, rss, failure


def measure(measurements: List[Measurement], runs: int) -> None:
    """One warm-up per measurement, then ``runs`` interleaved rounds."""
    for m in measurements:
        _log(f"  warm-up: {m.label}")
        m.error = run_once(m)[2]
        if m.error:
            _log(f"    FAILED ({m.error}); skipped")
    live = [m for m in measurements if not m.error]
    for i in range(runs):
        _log(f"  round {i + 1}/{runs}")
        for m in live:
            seconds, rss, failure = run_once(m)
            m.error = m.error or failure
            m.samples.append(round(seconds, 4))
            m.max_rss_kib = max(m.max_rss_kib, rss)


def build_measurements(
    tool: Tool, dirs: Sequence[Path], files: List[str], workdir: Path, args: argparse.Namespace
) -> List[Measurement]:
    """The commands for one suite; they run in ``workdir``, where any cache goes."""
    env = tool.env
    list_file = workdir / "files.txt"
    list_file.write_text("\n".join(files) + "\n", encoding="utf-8")
    floor = [[sys.executable, "-c", FLOOR_CODE, str(list_file)]]
    ms = [Measurement("floor", "ast.parse floor", floor, env, workdir, (0,))]
    fxl = tool.argv + ["--output-format", "concise"]
    cold = fxl + (["--no-cache"] if tool.has_no_cache else [])
    targets = [str(d) for d in dirs]
    if tool.has_jobs:
        ms.append(Measurement("fxl_cold_j1", "fixture-lint cold --jobs 1", [cold + ["--jobs", "1", *targets]], env, workdir))
    ms.append(Measurement("fxl_cold", "fixture-lint cold", [cold + targets], env, workdir))
    if tool.has_no_cache:
        warm = fxl + (["--cache-dir", str(workdir / "cache")] if tool.has_cache_dir else [])
        ms.append(Measurement("fxl_warm", "fixture-lint warm (cache)", [warm + targets], env, workdir))
    for jobs in args.flake8_jobs:
        jobs_args = ["-j", "1"] if jobs == "1" else []
        for code in ("PT", "FXL"):
            only = code + ("," + FLAKE8_DEFAULT_PLUGINS if args.flake8_with_defaults else "")
            argvs = [
                [sys.executable, str(FLAKE8_DRIVER), "--isolated", "--select", code, *jobs_args, *chunk]
                for chunk in chunk_files(files)
            ]
            flake8_env = {**env, "BENCH_FLAKE8_ONLY": only}
            ms.append(Measurement(f"flake8_{code}_j{jobs}", f"flake8 {code} -j {jobs}", argvs, flake8_env, workdir))
    return ms


def ratio(ms: Dict[str, Measurement], num: str, den: str) -> Optional[float]:
    a, b = ms.get(num), ms.get(den)
    if a is None or b is None or a.median is None or b.median is None or b.median == 0:
        return None
    return round(a.median / b.median, 3)


# (label, numerator, denominator, target)
RATIOS: List[Tuple[str, str, str, str]] = [
    ("fixture-lint cold / ast.parse", "fxl_cold", "floor", "<= 2.0 (later 1.0 with all cores)"),
    ("fixture-lint cold --jobs 1 / ast.parse", "fxl_cold_j1", "floor", "<= 1.5 (later)"),
    ("fixture-lint warm / ast.parse", "fxl_warm", "floor", "<= 0.1"),
    ("flake8 FXL / flake8 PT, -j 1", "flake8_FXL_j1", "flake8_PT_j1", "<= 1.2"),
    ("flake8 FXL / flake8 PT, -j auto", "flake8_FXL_jauto", "flake8_PT_jauto", "<= 1.2"),
]


def render(results: Dict[str, Dict[str, object]], all_ms: Dict[str, Dict[str, Measurement]]) -> str:
    """A markdown table: one row per quantity, one column per suite."""
    names = list(results)
    rows: List[List[str]] = [["files"] + [str(results[n]["files"]) for n in names] + [""]]
    rows.append(["lines"] + [f"{results[n]['lines']:,}" for n in names] + [""])
    keys: List[str] = []
    for n in names:
        keys += [k for k in all_ms[n] if k not in keys]
    for key in keys:
        cells = []
        for n in names:
            m = all_ms[n].get(key)
            cells.append("error" if m and m.error else (f"{m.median:.3f}" if m and m.median is not None else "-"))
        label = next(all_ms[n][key].label for n in names if key in all_ms[n])
        rows.append([f"{label} (s)"] + cells + [""])
    rss = [max((m.max_rss_kib for k, m in all_ms[n].items() if k.startswith("fxl")), default=0) for n in names]
    rows.append(["fixture-lint peak RSS (MiB)"] + [f"{r / 1024:.0f}" if r else "-" for r in rss] + ["< 1024"])
    for label, num, den, target in RATIOS:
        values = [ratio(all_ms[n], num, den) for n in names]
        if any(v is not None for v in values):
            rows.append([label] + [f"{v:.2f}x" if v is not None else "-" for v in values] + [target])
    header = ["", *names, "target"]
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    last = len(header) - 1

    def line(cells: List[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if i in (0, last) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if 0 < i < last else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), sep, *map(line, rows)])


def warn_inherited_config(corpus_dir: Path) -> None:
    """Warn if a pyproject.toml above the corpus has settings that the corpus would inherit."""
    for directory in corpus_dir.resolve().parents:
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "[tool.fixture-lint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            _log(f"warning: {pyproject} has [tool.fixture-lint] settings, and the corpus under it inherits them")


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    suite_names = [p.suite for p in corpus.PACKAGES]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median reported; default 5)")
    p.add_argument(
        "--suites", nargs="+", choices=suite_names + ["all"], default=suite_names + ["all"],
        help="suites to run; 'all' is the whole corpus at once (default: every suite and all)",
    )
    p.add_argument("--quick", action="store_true", help="only the aiohttp suite, flake8 -j 1 only")
    p.add_argument(
        "--flake8-jobs", nargs="+", choices=["1", "auto"], default=["1", "auto"],
        help="flake8 job settings to measure (default: 1 and auto)",
    )
    p.add_argument(
        "--flake8-with-defaults", action="store_true",
        help=f"also load flake8's default plugins ({FLAKE8_DEFAULT_PLUGINS}) in the flake8 runs",
    )
    p.add_argument("--json", type=Path, default=BENCH_DIR / "results.json", help="where to write results (default bench/results.json)")
    args = p.parse_args(argv)
    if args.quick:
        args.suites, args.flake8_jobs = ["aiohttp"], ["1"]
    if args.runs < 1:
        p.error("--runs must be at least 1")
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    tool = find_tool()
    _log(f"fixture-lint: {' '.join(tool.argv)} ({tool.version}); --jobs: {tool.has_jobs}; --no-cache: {tool.has_no_cache}")
    wanted = tuple(s for s in args.suites if s != "all")
    if "all" in args.suites:
        wanted = ()  # the whole corpus needs every package
    fetched = corpus.suites(wanted)
    warn_inherited_config(corpus.DEFAULT_CORPUS_DIR)
    load_before = os.getloadavg()
    if load_before[0] > 0.5 * (os.cpu_count() or 1):
        _log(f"warning: load average {load_before[0]:.1f} on {os.cpu_count()} cores; timings will be noisy")
    plan: Dict[str, List[Path]] = {s: fetched[s] for s in args.suites if s != "all"}
    if "all" in args.suites:
        plan["all"] = [d for dirs in fetched.values() for d in dirs]

    results: Dict[str, Dict[str, object]] = {}
    all_ms: Dict[str, Dict[str, Measurement]] = {}
    with tempfile.TemporaryDirectory(prefix="fxl-bench-") as tmp:
        for name, dirs in plan.items():
            files = show_files(tool, dirs)
            if not files:
                raise SystemExit(f"fixture-lint --show-files found no files in {name}: {dirs}")
            workdir = Path(tmp) / name
            workdir.mkdir()
            lines = count_lines(files)
            _log(f"{name}: {len(files)} files, {lines:,} lines")
            ms = build_measurements(tool, dirs, files, workdir, args)
            measure(ms, args.runs)
            all_ms[name] = {m.key: m for m in ms}
            results[name] = {
                "dirs": [str(d) for d in dirs],
                "files": len(files),
                "lines": lines,
                "measurements": {m.key: m.to_json(files) for m in ms},
                "ratios": {num: ratio(all_ms[name], num, den) for _, num, den, _ in RATIOS},
            }

    table = render(results, all_ms)
    print(table)
    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "fixture_lint": {"argv": tool.argv, "version": tool.version, "jobs": tool.has_jobs, "no_cache": tool.has_no_cache},
        "runs": args.runs,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "flake8_with_defaults": args.flake8_with_defaults,
        "corpus": {p.suite: f"{p.name}=={p.version} ({p.kind})" for p in corpus.PACKAGES},
    }
    args.json.write_text(json.dumps({"meta": meta, "suites": results, "table": table}, indent=2) + "\n")
    _log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
