"""The ecosystem check: fixture-lint on pinned real test suites, against labelled findings.

In the spirit of ruff's ecosystem check. DESIGN.md says a default rule must be at least
90% precise on real suites; this script measures that.

1. ``bench/ecosystem/suites.toml`` lists pinned PyPI releases that ship their tests.
2. They are downloaded with pip and unpacked at run time into ``bench/.corpus/ecosystem/``
   (gitignored); an unpacked suite is not fetched again. A suite that fails to download
   is reported and skipped.
3. fixture-lint runs at each suite's root as a maintainer would run it
   (``fixture-lint --output-format json --no-cache --exit-zero .``, plus ``--preview``
   with ``--preview``), up to ``--jobs`` suites at a time.
4. Every finding goes to ``bench/ecosystem/snapshot.json`` (committed), keyed
   ``suite:path:line:column:code``.
5. The findings are compared with ``bench/ecosystem/labels.json`` (committed, written by
   judges by hand): precision per rule = labelled ``real`` / reported, where an unlabelled
   finding counts as noise; then the NEW (reported, unlabelled) and GONE (labelled, no
   longer reported) findings.
6. Each suite's fixture-lint run is timed against a plain ``ast.parse`` of the files that
   ``fixture-lint --show-files .`` lists there (reported, never asserted).
7. A Markdown summary goes to stdout, the raw data to ``bench/ecosystem/results.json``
   (gitignored).

Usage::

    python bench/ecosystem.py                      # all suites, default rules
    python bench/ecosystem.py --suites flask attrs # only these (the snapshot keeps the others)
    python bench/ecosystem.py --preview            # preview rules too (snapshot-preview.json)
    python bench/ecosystem.py --fail-under 0.9     # exit 1 if a default rule is below 90%
    python bench/ecosystem.py --list-new           # print new findings with their source line
    python bench/ecosystem.py --check-labels       # only validate (and sort) labels.json

Environment: ``FIXTURE_LINT_CMD`` overrides the fixture-lint command (shell words);
``FIXTURE_LINT_BENCH_CORPUS`` moves the corpus (the suites go to its ``ecosystem/``).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import tokenize
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

import corpus
from run import FLOOR_CODE  # the same floor program as the benchmark

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9/3.10
    import tomli as tomllib

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
ECOSYSTEM_DIR = BENCH_DIR / "ecosystem"
SUITES_FILE = ECOSYSTEM_DIR / "suites.toml"
LABELS_FILE = ECOSYSTEM_DIR / "labels.json"
SNAPSHOT_FILE = ECOSYSTEM_DIR / "snapshot.json"
PREVIEW_SNAPSHOT_FILE = ECOSYSTEM_DIR / "snapshot-preview.json"
RESULTS_FILE = ECOSYSTEM_DIR / "results.json"
CORPUS_DIR = corpus.DEFAULT_CORPUS_DIR / "ecosystem"
DONE_MARKER = ".ecosystem-unpacked"

VERDICTS = ("real", "noise")
LABEL_FIELDS = ("verdict", "reason", "judge")
SUITE_KEYS = frozenset({"name", "version", "kind", "root", "why"})
BAR = 0.9  # DESIGN.md: a default rule is at least 90% precise on the ecosystem check


_print_lock = threading.Lock()


def log(message: str) -> None:
    """Progress goes to stderr, so stdout stays the Markdown summary."""
    with _print_lock:
        print(f"[ecosystem] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- suites


@dataclass(frozen=True)
class Suite:
    """One pinned release from suites.toml."""

    name: str
    version: str
    why: str
    kind: str = "sdist"  # "sdist" or "wheel"
    root: str = ""  # sub-path of the unpacked archive where fixture-lint runs

    @property
    def dir_name(self) -> str:
        return f"{self.name}-{self.version}"


def load_suites(path: Path = SUITES_FILE) -> List[Suite]:
    """Read and validate suites.toml; a malformed entry is an error naming it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = data.get("suite")
    if not isinstance(entries, list) or not entries:
        raise SystemExit(f"{path}: expected [[suite]] entries")
    suites: List[Suite] = []
    seen = set()
    for i, entry in enumerate(entries):
        where = f"{path}: [[suite]] #{i + 1}"
        unknown = set(entry) - SUITE_KEYS
        if unknown:
            raise SystemExit(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("name", "version", "why"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise SystemExit(f"{where}: `{key}` must be a non-empty string")
        kind = entry.get("kind", "sdist")
        if kind not in ("sdist", "wheel"):
            raise SystemExit(f"{where}: kind = {kind!r}, expected 'sdist' or 'wheel'")
        root = entry.get("root", "")
        if not isinstance(root, str) or root.startswith("/") or ".." in PurePosixPath(root).parts:
            raise SystemExit(f"{where}: root = {root!r} must be a relative path inside the archive")
        if entry["name"] in seen:
            raise SystemExit(f"{where}: suite {entry['name']!r} listed twice")
        seen.add(entry["name"])
        suites.append(Suite(entry["name"], entry["version"], entry["why"], kind, root.strip("/")))
    return suites


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _find_archive(suite: Suite, downloads: Path) -> Optional[Path]:
    """The archive of ``suite`` in ``downloads`` (sdist names may or may not be normalized)."""
    if not downloads.is_dir():
        return None
    want = (_normalize(suite.name), suite.version)
    for path in sorted(downloads.iterdir()):
        fname = path.name
        if suite.kind == "wheel":
            if not fname.endswith(".whl"):
                continue
            parts = fname[: -len(".whl")].split("-")
            got = (_normalize(parts[0]), parts[1]) if len(parts) >= 2 else None
        else:
            for ext in (".tar.gz", ".zip", ".tar.bz2"):
                if fname.endswith(ext):
                    stem = fname[: -len(ext)]
                    break
            else:
                continue
            name, _, version = stem.rpartition("-")
            got = (_normalize(name), version)
        if got == want:
            return path
    return None


def _pip_download(suite: Suite, downloads: Path) -> None:
    """Fetch the pinned archive with pip (sdist only; wheels only for kind = "wheel")."""
    base = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--disable-pip-version-check",
            "-d", str(downloads)]
    spec = f"{suite.name}=={suite.version}"
    if suite.kind == "wheel":
        attempts = [base + ["--only-binary", ":all:", *corpus._WHEEL_TARGET, spec]]
    else:
        # If pip's metadata step fails in an isolated build, try once without isolation.
        attempts = [base + ["--no-binary", ":all:", spec],
                    base + ["--no-binary", ":all:", "--no-build-isolation", spec]]
    last = ""
    for cmd in attempts:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode == 0 and _find_archive(suite, downloads):
            return
        last = (proc.stderr or proc.stdout).strip() or f"exit {proc.returncode}, no archive found"
    raise RuntimeError(f"pip download {spec} failed: {last[-600:]}")


def _safe_member(parts: Tuple[str, ...]) -> bool:
    return bool(parts) and not any(p in ("", "..") for p in parts) and not parts[0].startswith("/")


def _extract_sdist(archive: Path, dest: Path) -> None:
    """Unpack an sdist without its single top-level directory; skip links and unsafe names."""
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                parts = tuple(PurePosixPath(info.filename).parts[1:])
                if info.is_dir() or not _safe_member(parts):
                    continue
                target = dest.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
        return
    with tarfile.open(archive) as tar:
        members = []
        for member in tar.getmembers():
            parts = tuple(PurePosixPath(member.name).parts[1:])
            if not (member.isfile() or member.isdir()) or not _safe_member(parts):
                continue
            member.name = "/".join(parts)
            members.append(member)
        if hasattr(tarfile, "data_filter"):  # Python 3.12, and 3.11.4+ / 3.9.17+
            tar.extractall(dest, members=members, filter="data")
        else:
            tar.extractall(dest, members=members)


def ensure(suite: Suite, corpus_dir: Path = CORPUS_DIR) -> Path:
    """Download and unpack ``suite`` if needed; return the directory fixture-lint runs in."""
    unpacked = corpus_dir / suite.dir_name
    if not (unpacked / DONE_MARKER).exists():
        downloads = corpus_dir / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        archive = _find_archive(suite, downloads)
        if archive is None:
            log(f"downloading {suite.dir_name} ({suite.kind})")
            _pip_download(suite, downloads)
            archive = _find_archive(suite, downloads)
            assert archive is not None
        tmp = corpus_dir / f".{suite.dir_name}.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        log(f"unpacking {archive.name}")
        if suite.kind == "wheel":
            corpus._extract_wheel(archive, tmp)
        else:
            _extract_sdist(archive, tmp)
        (tmp / DONE_MARKER).write_text(f"{archive.name}\n", encoding="utf-8")
        shutil.rmtree(unpacked, ignore_errors=True)
        tmp.rename(unpacked)
    # A maintainer's checkout is the top of its own git work tree. Without this marker
    # the corpus would be inside this repository's work tree, whose bench/.gitignore
    # ignores `.corpus/`, and fixture-lint (which respects .gitignore) would check nothing.
    # With it, the suite's own .gitignore applies, as in a checkout. Git itself does not
    # take an empty .git directory for a repository.
    (unpacked / ".git").mkdir(exist_ok=True)
    root = unpacked / suite.root if suite.root else unpacked
    if not root.is_dir():
        raise RuntimeError(f"{suite.dir_name} has no {suite.root}/ directory")
    return root


# --------------------------------------------------------------------------- the tool


@dataclass(frozen=True)
class Tool:
    """The fixture-lint command and which optional flags its --help lists."""

    argv: Tuple[str, ...]
    env: Dict[str, str]
    flags: FrozenSet[str]
    version: str

    def has(self, flag: str) -> bool:
        return flag in self.flags


def find_tool() -> Tool:
    """FIXTURE_LINT_CMD, else the fixture-lint script next to sys.executable, else ``-m``."""
    env = dict(os.environ)
    override = os.environ.get("FIXTURE_LINT_CMD")
    script = Path(sys.executable).with_name("fixture-lint")
    if override:
        argv = shlex.split(override)
    elif script.exists():
        argv = [str(script)]
    else:
        argv = [sys.executable, "-m", "fixture_lint"]
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_DIR / "src"), env.get("PYTHONPATH")) if p)
    helptext = subprocess.run(argv + ["--help"], env=env, capture_output=True, text=True, check=True).stdout
    flags = frozenset(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", helptext))
    version = subprocess.run(argv + ["--version"], env=env, capture_output=True, text=True).stdout.strip()
    return Tool(tuple(argv), env, flags, version)


def default_rule_codes() -> Optional[FrozenSet[str]]:
    """Codes of the registered non-preview rules, if this interpreter can import fixture_lint.

    Only used to decide which rules ``--fail-under`` judges in a ``--preview`` run; None
    means "every code reported counts as a default rule".
    """
    try:
        from fixture_lint.plugins import registry
    except Exception:  # noqa: BLE001 - a different FIXTURE_LINT_CMD, or not installed
        return None
    try:
        return frozenset(r.code for r in registry().rules if not getattr(r, "preview", False))
    except Exception:  # noqa: BLE001
        return None


# --------------------------------------------------------------------------- one suite


@dataclass
class SuiteResult:
    """What happened to one suite in this run."""

    suite: Suite
    status: str = "ok"  # ok | download-failed | lint-failed
    error: str = ""
    stderr: str = ""
    returncode: Optional[int] = None
    files: List[str] = field(default_factory=list)  # posix, relative to the root
    findings: List[Dict[str, Any]] = field(default_factory=list)
    lint_seconds: Optional[float] = None
    floor_seconds: Optional[float] = None

    @property
    def ratio(self) -> Optional[float]:
        if self.lint_seconds is None or not self.floor_seconds:
            return None
        return self.lint_seconds / self.floor_seconds


def _rel(path: str, root: Path) -> str:
    p = Path(path)
    if not p.is_absolute():
        p = root / p
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def _read_lines(path: Path) -> List[str]:
    """The file's lines, decoded as Python would (PEP 263), or replaced where undecodable."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    return text.splitlines()


def _timed(cmd: Sequence[str], cwd: Path, env: Dict[str, str]) -> Tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def run_suite(suite: Suite, tool: Tool, preview: bool, corpus_dir: Path) -> SuiteResult:
    """Fetch one suite, lint it, time it against the ast.parse floor."""
    result = SuiteResult(suite)
    try:
        root = ensure(suite, corpus_dir)
    except Exception as exc:  # noqa: BLE001 - a suite that cannot be fetched is skipped
        result.status, result.error = "download-failed", f"{type(exc).__name__}: {exc}"
        log(f"{suite.name}: download failed: {result.error}")
        return result

    with tempfile.TemporaryDirectory(prefix="fxl-ecosystem-") as scratch:
        cmd = list(tool.argv) + ["--output-format", "json", "--exit-zero"]
        if tool.has("--no-cache"):
            cmd.append("--no-cache")
        elif tool.has("--cache-dir"):
            cmd += ["--cache-dir", str(Path(scratch) / "cache")]
        if preview and tool.has("--preview"):
            cmd.append("--preview")
        cmd.append(".")
        log(f"{suite.name}: fixture-lint")
        result.lint_seconds, proc = _timed(cmd, root, tool.env)
        result.returncode, result.stderr = proc.returncode, proc.stderr.strip()
        try:
            raw = json.loads(proc.stdout) if proc.stdout.strip() else []
            if not isinstance(raw, list):
                raise ValueError("the JSON output is not an array")
        except ValueError as exc:
            result.status = "lint-failed"
            result.error = f"exit {proc.returncode}, unreadable JSON output ({exc})"
            raw = []
        if proc.returncode != 0 and result.status == "ok":
            result.status, result.error = "lint-failed", f"exit {proc.returncode}"

        show = subprocess.run(list(tool.argv) + ["--show-files", "."], cwd=root, env=tool.env,
                              capture_output=True, text=True)
        listed = [line for line in show.stdout.splitlines() if line.strip()]
        absolute = [str((root / p).resolve()) if not Path(p).is_absolute() else p for p in listed]
        result.files = sorted(_rel(p, root) for p in absolute)
        if absolute:
            listing = Path(scratch) / "files.txt"
            listing.write_text("\n".join(absolute), encoding="utf-8")
            result.floor_seconds, _ = _timed([sys.executable, "-c", FLOOR_CODE, str(listing)], root, tool.env)

    lines_cache: Dict[str, List[str]] = {}
    for item in raw:
        rel = _rel(item.get("filename", ""), root)
        location = item.get("location") or {}
        line, column = int(location.get("row") or 0), int(location.get("column") or 0)
        if rel not in lines_cache:
            lines_cache[rel] = _read_lines(root / rel)
        src = lines_cache[rel]
        code = str(item.get("code"))
        result.findings.append({
            "key": f"{suite.name}:{rel}:{line}:{column}:{code}",
            "suite": suite.name,
            "path": rel,
            "line": line,
            "column": column,
            "code": code,
            "name": item.get("name"),
            "message": item.get("message"),
            "source": src[line - 1].strip() if 0 < line <= len(src) else "",
        })
    n = len(result.findings)
    log(f"{suite.name}: {len(result.files)} files, {n} findings, {result.lint_seconds:.2f}s"
        + (f", {result.error}" if result.error else ""))
    return result


# --------------------------------------------------------------------------- labels & snapshot


def _sort_key(finding: Dict[str, Any]) -> Tuple[Any, ...]:
    return (finding["suite"], finding["path"], finding["line"], finding["column"], finding["code"])


def load_labels(path: Path = LABELS_FILE, rewrite_sorted: bool = True) -> Dict[str, Dict[str, Any]]:
    """Read and validate labels.json; rewrite it sorted (content unchanged) if it is not.

    Format: ``{"suite:path:line:column:code": {"verdict": "real"|"noise", "reason": "...",
    "judge": "..."}, ...}``; extra fields in an entry are kept. An unknown verdict, a
    missing reason or judge, or a malformed key is an error.
    """
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SystemExit(f"{path}: not valid JSON: {exc}")
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a JSON object mapping finding keys to labels")
    errors = []
    for key, label in data.items():
        parts = key.split(":")
        if len(parts) < 5 or not parts[-3].isdigit() or not parts[-2].isdigit():
            errors.append(f"{key!r}: a key is suite:path:line:column:code")
        if not isinstance(label, dict):
            errors.append(f"{key!r}: a label is an object with {', '.join(LABEL_FIELDS)}")
            continue
        if label.get("verdict") not in VERDICTS:
            errors.append(f"{key!r}: verdict {label.get('verdict')!r} is not one of {', '.join(VERDICTS)}")
        for name in ("reason", "judge"):
            if not isinstance(label.get(name), str) or not label[name].strip():
                errors.append(f"{key!r}: `{name}` must be a non-empty string")
    if errors:
        raise SystemExit(f"{path}: invalid labels:\n  " + "\n  ".join(errors))
    canonical = format_labels(data)
    if rewrite_sorted and text != canonical:
        path.write_text(canonical, encoding="utf-8")
        log(f"{path.name} rewritten in sorted order")
    return data


def format_labels(labels: Dict[str, Dict[str, Any]]) -> str:
    """The one canonical text of labels.json: keys sorted, one label per entry, 2-space indent."""
    def order(key: str) -> Tuple[Any, ...]:
        suite, rest = key.split(":", 1)
        path, line, column, code = rest.rsplit(":", 3)
        return (suite, path, int(line) if line.isdigit() else 0, int(column) if column.isdigit() else 0, code)

    ordered = {}
    for key in sorted(labels, key=order):
        label = labels[key]
        ordered[key] = {**{k: label[k] for k in LABEL_FIELDS if k in label},
                        **{k: label[k] for k in sorted(label) if k not in LABEL_FIELDS}}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


def merge_snapshot(path: Path, results: List[SuiteResult], suites: List[Suite], tool: Tool,
                   preview: bool) -> Dict[str, Any]:
    """Build the snapshot: this run's suites, plus the previous snapshot's entries for the
    listed suites that were not run (``--suites``) or could not be fetched."""
    previous: Dict[str, Any] = {}
    if path.exists():
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
    fresh = {r.suite.name for r in results if r.status == "ok"}
    listed = {s.name: s for s in suites}
    old_suites = previous.get("suites", {}) if isinstance(previous.get("suites"), dict) else {}
    suites_meta: Dict[str, Any] = {}
    findings: List[Dict[str, Any]] = []
    for name, meta in old_suites.items():
        if name in listed and name not in fresh and meta.get("version") == listed[name].version:
            suites_meta[name] = meta
    for item in previous.get("findings", []):
        if item.get("suite") in suites_meta:
            findings.append(item)
    for r in results:
        if r.status != "ok":
            continue
        suites_meta[r.suite.name] = {"version": r.suite.version, "kind": r.suite.kind,
                                     "root": r.suite.root or ".", "files": len(r.files)}
        findings.extend(r.findings)
    findings.sort(key=_sort_key)
    return {
        "fixture_lint_version": tool.version,
        "preview": preview,
        "suites": dict(sorted(suites_meta.items())),
        "findings": findings,
    }


# --------------------------------------------------------------------------- report


@dataclass
class RuleStats:
    """Precision of one rule code in this run."""

    code: str
    name: str = ""
    reported: int = 0
    labelled: int = 0
    real: int = 0

    @property
    def precision(self) -> float:
        return self.real / self.reported if self.reported else 1.0


def rule_stats(findings: List[Dict[str, Any]], labels: Dict[str, Dict[str, Any]]) -> List[RuleStats]:
    """Per code: reported, labelled, labelled real; unlabelled findings count as noise."""
    stats: Dict[str, RuleStats] = {}
    for f in findings:
        s = stats.setdefault(f["code"], RuleStats(f["code"], f.get("name") or ""))
        s.reported += 1
        label = labels.get(f["key"])
        if label:
            s.labelled += 1
            s.real += label["verdict"] == "real"
    return [stats[c] for c in sorted(stats)]


def _fmt(seconds: Optional[float]) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def render(results: List[SuiteResult], snapshot: Dict[str, Any], labels: Dict[str, Dict[str, Any]],
           checked_suites: FrozenSet[str], preview: bool, list_new: bool, tool: Tool) -> Tuple[str, List[RuleStats],
                                                                                      List[Dict[str, Any]],
                                                                                      List[Tuple[str, Dict[str, Any]]]]:
    """The Markdown summary, the rule table, the NEW findings and the GONE labels."""
    out: List[str] = []
    w = out.append
    w(f"# fixture-lint ecosystem check{' (--preview)' if preview else ''}")
    w("")
    w(f"{tool.version or 'fixture-lint'}, Python {platform.python_version()}, "
      f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    w("")
    w("## Suites")
    w("")
    w("| suite | version | files | findings | fixture-lint s | ast.parse s | ratio | status |")
    w("|---|---|---|---|---|---|---|---|")
    for r in sorted(results, key=lambda r: r.suite.name):
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        status = r.status if not r.error else f"{r.status}: {r.error}"
        w(f"| {r.suite.name} | {r.suite.version} | {len(r.files)} | {len(r.findings)} | {_fmt(r.lint_seconds)} | "
          f"{_fmt(r.floor_seconds)} | {ratio} | {status.replace('|', '/')[:200]} |")
    ok = [r for r in results if r.lint_seconds is not None]
    lint_total = sum(r.lint_seconds or 0.0 for r in ok)
    floor_total = sum(r.floor_seconds or 0.0 for r in ok)
    total_ratio = f"{lint_total / floor_total:.2f}x" if floor_total else "-"
    w(f"| **total** | | {sum(len(r.files) for r in results)} | {sum(len(r.findings) for r in results)} | "
      f"{lint_total:.2f} | {floor_total:.2f} | {total_ratio} | |")
    w("")
    w("Times are single wall-clock runs, with several suites running at once (`--jobs`): "
      "read the ratios, not the seconds.")

    stderr_suites = [r for r in results if r.stderr]
    if stderr_suites:
        w("")
        w("## fixture-lint wrote to stderr")
        for r in stderr_suites:
            w("")
            w(f"### {r.suite.name} (exit {r.returncode})")
            w("")
            w("```")
            w(r.stderr[-6000:])
            w("```")

    findings = [f for f in snapshot["findings"] if f["suite"] in checked_suites]
    stats = rule_stats(findings, labels)
    w("")
    w("## Precision per rule")
    w("")
    w("Precision = labelled `real` / reported; an unlabelled finding counts as noise. "
      f"The bar for a default rule is {BAR:.0%}.")
    w("")
    w("| code | name | reported | labelled | real | precision | meets 90% |")
    w("|---|---|---|---|---|---|---|")
    for s in stats:
        w(f"| {s.code} | {s.name} | {s.reported} | {s.labelled} | {s.real} | {s.precision:.0%} | "
          f"{'yes' if s.precision >= BAR else 'no'} |")
    if not stats:
        w("| - | no findings | 0 | 0 | 0 | - | - |")

    fxl000 = [f for f in findings if f["code"] == "FXL000"]
    if fxl000:
        w("")
        w("## Files fixture-lint could not read or parse (FXL000)")
        w("")
        for f in fxl000:
            w(f"- `{f['key']}`: {f['message']}")

    new = [f for f in findings if f["key"] not in labels]
    reported_keys = {f["key"] for f in findings}
    reported_places = {f["key"].rsplit(":", 1)[0] for f in findings}
    # A label of a rule that does not run in this mode (a preview rule in a default run)
    # is not gone; nor is one whose place is now reported under another code (a finding
    # that moved to another rule keeps its verdict there, see "migrated_from").
    running = None if preview else default_rule_codes()
    gone = [(k, v) for k, v in labels.items()
            if k.split(":", 1)[0] in checked_suites and k not in reported_keys
            and (running is None or k.rsplit(":", 1)[1] in running or k.rsplit(":", 1)[1] == "FXL000")
            and k.rsplit(":", 1)[0] not in reported_places]
    w("")
    w(f"## NEW: {len(new)} reported, unlabelled")
    if new:
        w("")
        by_code: Dict[str, int] = {}
        for f in new:
            by_code[f["code"]] = by_code.get(f["code"], 0) + 1
        w(", ".join(f"{c}: {n}" for c, n in sorted(by_code.items())))
        w("")
        for f in new:
            if list_new:
                w(f"- `{f['key']}` {f['name']}: {f['message']}")
                w(f"  `{f['source']}`")
            else:
                w(f"- `{f['key']}`")
    w("")
    w(f"## GONE: {len(gone)} labelled, no longer reported")
    if gone:
        w("")
        lost_real = sum(1 for _, v in gone if v["verdict"] == "real")
        w(f"{lost_real} of them were labelled `real` (a lost true finding).")
        w("")
        for key, label in gone:
            w(f"- `{key}` was **{label['verdict']}** ({label['judge']}): {label['reason']}")
    return "\n".join(out) + "\n", stats, new, gone


# --------------------------------------------------------------------------- main


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suites", nargs="+", metavar="NAME", default=(), help="only these suites")
    parser.add_argument("--preview", action="store_true",
                        help="pass --preview to fixture-lint (if it has it); writes snapshot-preview.json")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="suites checked at once (default 2)")
    parser.add_argument("--fail-under", type=float, metavar="P",
                        help="exit 1 if a default rule's precision is below P (e.g. 0.9)")
    parser.add_argument("--list-new", action="store_true", help="print new findings with message and source line")
    parser.add_argument("--check-labels", action="store_true", help="only validate and sort labels.json")
    parser.add_argument("--snapshot", type=Path, help="where the snapshot goes (default: bench/ecosystem/snapshot.json)")
    parser.add_argument("--json", type=Path, default=RESULTS_FILE, help="raw results (default: bench/ecosystem/results.json)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="where suites are unpacked")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    labels = load_labels()
    if args.check_labels:
        print(f"{LABELS_FILE}: {len(labels)} labels, valid")
        return 0
    suites = load_suites()
    unknown = set(args.suites) - {s.name for s in suites}
    if unknown:
        print(f"unknown suites: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    chosen = [s for s in suites if not args.suites or s.name in args.suites]
    tool = find_tool()
    if args.preview and not tool.has("--preview"):
        log("warning: this fixture-lint has no --preview; running the default rules")
    for directory in args.corpus.resolve().parents:
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "[tool.fixture-lint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            log(f"warning: {pyproject} has [tool.fixture-lint] settings, and the suites under it inherit them")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda s: run_suite(s, tool, args.preview, args.corpus), chosen))
    wall = time.perf_counter() - started

    snapshot_path = args.snapshot or (PREVIEW_SNAPSHOT_FILE if args.preview else SNAPSHOT_FILE)
    snapshot = merge_snapshot(snapshot_path, results, suites, tool, args.preview)
    snapshot_path.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    checked = frozenset(r.suite.name for r in results if r.status == "ok")
    text, stats, new, gone = render(results, snapshot, labels, checked, args.preview, args.list_new, tool)
    sys.stdout.write(text)
    sys.stdout.write(f"\nWall time of the whole run: {wall:.1f} s (--jobs {args.jobs}).\n")

    defaults = default_rule_codes() if args.preview else None
    failing = [s for s in stats if s.precision < (args.fail_under or 0.0)
               and (defaults is None or s.code in defaults or s.code == "FXL000")]
    args.json.write_text(json.dumps({
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "fixture_lint": {"argv": list(tool.argv), "version": tool.version, "flags": sorted(tool.flags)},
        "python": platform.python_version(),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                    "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "preview": args.preview,
        "jobs": args.jobs,
        "wall_seconds": wall,
        "suites": [{
            "name": r.suite.name, "version": r.suite.version, "kind": r.suite.kind, "root": r.suite.root or ".",
            "status": r.status, "error": r.error, "returncode": r.returncode, "stderr": r.stderr,
            "files": r.files, "findings": len(r.findings),
            "lint_seconds": r.lint_seconds, "floor_seconds": r.floor_seconds, "ratio": r.ratio,
        } for r in results],
        "rules": [{"code": s.code, "name": s.name, "reported": s.reported, "labelled": s.labelled,
                   "real": s.real, "precision": s.precision} for s in stats],
        "new": [f["key"] for f in new],
        "gone": [{"key": k, **v} for k, v in gone],
    }, indent=1) + "\n", encoding="utf-8")
    log(f"snapshot: {snapshot_path}, raw results: {args.json}")
    if args.fail_under is not None and failing:
        print(f"\nBelow {args.fail_under:.0%}: " + ", ".join(f"{s.code} {s.precision:.0%}" for s in failing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
